package io.flotilla.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.eclipse.jgit.util.FileUtils;

import io.flotilla.git.secret.SecretRef;
import io.flotilla.git.secret.SourceSecrets;

/**
 * How a fetch or a push proves who it is to the remote: nothing, HTTPS basic credentials, a bearer token, or an SSH
 * key with the known_hosts the server's key must be in. Nothing of it ever goes into a URL. Closed once its fetch,
 * or its source, is done with.
 */
public interface RemoteAccess extends AutoCloseable {

    RemoteAccess NONE = command -> {
    };

    void configure(TransportCommand<?, ?> command);

    /** The credentials in messages ({@code Secret flux-system/fleet-auth}, {@code HTTPS user ci-bot}), never a value; null for none. */
    default String credentials() {
        return null;
    }

    @Override
    default void close() {
    }

    /** A username and a token or password, sent when an HTTPS remote asks. */
    static RemoteAccess https(String username, String password) {
        UsernamePasswordCredentialsProvider provider = new UsernamePasswordCredentialsProvider(username, password);
        return new RemoteAccess() {
            @Override
            public void configure(TransportCommand<?, ?> command) {
                command.setCredentialsProvider(provider);
            }

            @Override
            public String credentials() {
                return "HTTPS user " + username;
            }
        };
    }

    /** A token sent as {@code Authorization: Bearer} with every HTTPS request, as Flux's {@code bearerToken}. */
    static RemoteAccess bearer(String token) {
        Map<String, String> header = Map.of("Authorization", "Bearer " + token);
        return new RemoteAccess() {
            @Override
            public void configure(TransportCommand<?, ?> command) {
                command.setTransportConfigCallback(transport -> {
                    if (transport instanceof TransportHttp http) {
                        http.setAdditionalHeaders(header);
                    }
                });
            }

            @Override
            public String credentials() {
                return "a bearer token";
            }
        };
    }

    /**
     * The credentials of the Secret {@code ref}, read again at each command so that a rotated Secret is used at the
     * next fetch or push ({@link SecretAccess}).
     *
     * @param usedBy the source in messages
     */
    static RemoteAccess fromSecret(SourceSecrets secrets, SecretRef ref, String usedBy) {
        return new SecretAccess(secrets, ref, usedBy);
    }

    /**
     * An SSH private key (OpenSSH or PEM, unencrypted) and the known_hosts file the server's key must be in:
     * a server that is not listed, or presents another key, is refused. Nothing of the user's own
     * {@code ~/.ssh} is read.
     */
    static RemoteAccess ssh(Path privateKey, Path knownHosts) {
        return ssh(privateKey, knownHosts, null);
    }

    /**
     * {@link #ssh(Path, Path)} with the key and known_hosts given as text (a Secret's {@code identity} and
     * {@code known_hosts}): written to a folder only this process' user may read, deleted on {@link #close()}.
     */
    static RemoteAccess ssh(String privateKey, String knownHosts) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("flotilla-ssh",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path key = Files.writeString(folder.resolve("identity"), privateKey, StandardCharsets.UTF_8);
            Path hosts = Files.writeString(folder.resolve("known_hosts"), knownHosts, StandardCharsets.UTF_8);
            return ssh(key, hosts, folder);
        } catch (IOException e) {
            deleteQuietly(folder);
            throw new UncheckedIOException("cannot write the SSH key for a fetch: " + e.getMessage(), e);
        }
    }

    private static RemoteAccess ssh(Path privateKey, Path knownHosts, Path ownFolder) {
        Path home = privateKey.toAbsolutePath().getParent();
        SshdSessionFactory sessions = new SshdSessionFactoryBuilder()
                .setHomeDirectory(home.toFile())
                .setSshDirectory(home.toFile())
                .setDefaultIdentities(dir -> List.of(privateKey.toAbsolutePath()))
                .setDefaultKnownHostsFiles(dir -> List.of(knownHosts.toAbsolutePath()))
                .setConfigFile(dir -> null)
                .build(null);
        return new RemoteAccess() {
            @Override
            public void configure(TransportCommand<?, ?> command) {
                command.setTransportConfigCallback(transport -> {
                    if (transport instanceof SshTransport ssh) {
                        ssh.setSshSessionFactory(sessions);
                    }
                });
            }

            @Override
            public String credentials() {
                return ownFolder == null ? "SSH key " + privateKey : "an SSH key";
            }

            /** The factory keeps an SSH client with threads of its own until it is closed. */
            @Override
            public void close() {
                sessions.close();
                deleteQuietly(ownFolder);
            }
        };
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try {
            FileUtils.delete(folder.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
        } catch (IOException e) {
            // Left in the temp folder, readable by this user alone.
        }
    }
}
