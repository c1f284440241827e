package io.flotilla.renderer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Git host that does not answer (a "blackhole" for HTTP: it accepts the connection, reads the request and never
 * says a word), in front of a real Git HTTP server; until it is told to {@link #answer()}: it then drops the
 * connections that waited, as a host that comes back does, and relays every new one to the real server.
 */
public final class SilentGitHost implements AutoCloseable {

    private final ServerSocket socket;
    private final URI answering;
    private final Set<Socket> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean answers;

    private SilentGitHost(ServerSocket socket, URI answering) {
        this.socket = socket;
        this.answering = answering;
        Thread accepting = new Thread(this::accept, "silent-git-host");
        accepting.setDaemon(true);
        accepting.start();
    }

    /** A silent host in front of the Git HTTP server of {@code url}, a repository's clone URL on it. */
    public static SilentGitHost inFrontOf(String url) {
        try {
            return new SilentGitHost(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), URI.create(url));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code url}, a clone URL on the real server, as reached through this host. */
    public String url(String url) {
        URI real = URI.create(url);
        return "http://" + socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort() + real.getPath();
    }

    /** The connections accepted and not answered that their client has not given up (closed) yet. */
    public int connectionsWaiting() {
        return waiting.size();
    }

    /** From now on answers: the connections that waited are dropped, new ones relayed to the real server. */
    public void answer() {
        answers = true;
        waiting.forEach(SilentGitHost::closeQuietly);
    }

    @Override
    public void close() {
        closeQuietly(socket);
        waiting.forEach(SilentGitHost::closeQuietly);
    }

    private void accept() {
        while (!socket.isClosed()) {
            Socket connection;
            try {
                connection = socket.accept();
            } catch (IOException e) {
                return;
            }
            if (answers) {
                relay(connection);
            } else {
                waiting.add(connection);
                daemon("silent-git-host-waiting", () -> {
                    // Reads what the client sends, answers nothing; the read ends when the client closes.
                    try (connection; InputStream in = connection.getInputStream()) {
                        in.transferTo(OutputStream.nullOutputStream());
                    } catch (IOException e) {
                        // Dropped: by the client, or by answer().
                    } finally {
                        waiting.remove(connection);
                    }
                });
            }
        }
    }

    private void relay(Socket client) {
        Socket server;
        try {
            server = new Socket(answering.getHost(), answering.getPort());
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        daemon("silent-git-host-request", () -> copy(client, server));
        daemon("silent-git-host-response", () -> copy(server, client));
    }

    /** Copies what {@code from} sends to {@code to}; then closes both, so that the other direction ends too. */
    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // One side closed: the relay ends.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing only.
        }
    }
}
