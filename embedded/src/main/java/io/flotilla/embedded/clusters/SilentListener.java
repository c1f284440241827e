package io.flotilla.embedded.clusters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import io.flotilla.embedded.net.LocalPorts;

/**
 * A port that accepts connections and never answers on them, as an API server that is overloaded, or cut off
 * behind a load balancer that still accepts: the client's request waits until its own timeout. The connections
 * are held open until {@link #close()}.
 */
final class SilentListener implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> held = new ArrayList<>();

    SilentListener(int port) {
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LocalPorts.HOST), port));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen silently on port " + port, e);
        }
        Thread acceptor = new Thread(this::accept, "silent-listener-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                synchronized (held) {
                    held.add(connection);
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a listening socket fails only if it is closed already
        }
        synchronized (held) {
            for (Socket connection : held) {
                try {
                    // Reset rather than closed in order: a closed connection would keep the port in TIME_WAIT, and
                    // the API server answering again at the same port could not bind it.
                    connection.setSoLinger(true, 0);
                    connection.close();
                } catch (IOException e) {
                    // the client may have closed it first, after its timeout
                }
            }
            held.clear();
        }
    }
}
