package io.flotilla.testing.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;

/**
 * Git over SSH: an Apache MINA SSH server that lets one key in and answers {@code git-upload-pack} with
 * JGit's UploadPack, for the repositories under a folder. It writes the client's key and a known_hosts
 * file listing its own host key, as a user would have them. A module whose tests use it depends on
 * {@code org.eclipse.jgit.ssh.apache} itself.
 */
public final class GitSshServer implements AutoCloseable {

    private final SshServer server;
    private final PublicKey hostKey;

    private GitSshServer(SshServer server, PublicKey hostKey) {
        this.server = server;
        this.hostKey = hostKey;
    }

    /** Serves the repositories under {@code root} to whoever holds the key written to {@code clientKey}. */
    public static GitSshServer serve(Path root, Path clientKey) {
        try {
            KeyPair host = rsa();
            KeyPair client = rsa();
            Files.createDirectories(clientKey.toAbsolutePath().getParent());
            Files.writeString(clientKey, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(client.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            SshServer server = SshServer.setUpDefaultServer();
            server.setHost("127.0.0.1");
            server.setPort(0);
            server.setKeyPairProvider(KeyPairProvider.wrap(host));
            server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, client.getPublic()));
            server.setCommandFactory((channel, command) -> new UploadPackCommand(root, command));
            server.start();
            return new GitSshServer(server, host.getPublic());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The clone URL of the repository in {@code root/<name>}. */
    public String url(String name) {
        return "ssh://git@127.0.0.1:" + server.getPort() + "/" + name;
    }

    /** The key written to {@code clientKey}, as a Secret's {@code identity} holds it. */
    public static String identity(Path clientKey) {
        try {
            return Files.readString(clientKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A known_hosts line listing this server with its real host key, as a Secret's {@code known_hosts} holds it. */
    public String knownHostsLine() {
        return knownHostsLine(hostKey);
    }

    private String knownHostsLine(PublicKey key) {
        return "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(key) + "\n";
    }

    /** Writes a known_hosts file that lists this server with its real host key. */
    public Path writeKnownHosts(Path file) {
        return writeKnownHostsWith(file, hostKey);
    }

    /** Writes a known_hosts file that lists this server with another key, as after a server was swapped. */
    public Path writeWrongKnownHosts(Path file) {
        try {
            return writeKnownHostsWith(file, rsa().getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path writeKnownHostsWith(Path file, PublicKey key) {
        try {
            Files.writeString(file, knownHostsLine(key));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** {@code git-upload-pack '/name'}: what {@code git fetch} runs on the server. */
    private static final class UploadPackCommand implements Command, Runnable {

        private final Path root;
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        UploadPackCommand(Path root, String command) {
            this.root = root;
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback exit) {
            this.exit = exit;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            Thread thread = new Thread(this, "git-ssh-upload-pack");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            if (!command.startsWith("git-upload-pack ")) {
                exit.onExit(1, "only git-upload-pack is served");
                return;
            }
            String name = command.substring("git-upload-pack ".length()).replace("'", "").replaceAll("^/+", "");
            try (Repository repository = new FileRepositoryBuilder().findGitDir(root.resolve(name).toFile()).build()) {
                new UploadPack(repository).upload(in, out, err);
                out.flush();
                exit.onExit(0);
            } catch (IOException | RuntimeException e) {
                exit.onExit(1, e.getMessage());
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
        }
    }
}
