package io.flotilla.gitwatcher.mirror;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * How a fetch or a push proves who it is to the remote: nothing, HTTPS basic credentials, or an SSH key. Closed when its
 * source is no longer watched.
 */
public interface RemoteAccess extends AutoCloseable {

    RemoteAccess NONE = command -> {
    };

    void configure(TransportCommand<?, ?> command);

    @Override
    default void close() {
    }

    /** A username and a token or password, sent when an HTTPS remote asks. */
    static RemoteAccess https(String username, String password) {
        UsernamePasswordCredentialsProvider credentials = new UsernamePasswordCredentialsProvider(username, password);
        return command -> command.setCredentialsProvider(credentials);
    }

    /**
     * An SSH private key (OpenSSH or PEM, unencrypted) and the known_hosts file the server's key must be in:
     * a server that is not listed, or presents another key, is refused. Nothing of the user's own
     * {@code ~/.ssh} is read.
     */
    static RemoteAccess ssh(Path privateKey, Path knownHosts) {
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

            /** The factory keeps an SSH client with threads of its own until it is closed. */
            @Override
            public void close() {
                sessions.close();
            }
        };
    }
}
