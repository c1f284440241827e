package io.flotilla.embedded.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Ports on the loopback address 127.0.0.1, where every component of this module listens. */
public final class LocalPorts {

    public static final String HOST = "127.0.0.1";

    /** Where Linux documents its ephemeral range; read so chosen ports stay below it. */
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 15_000;
    private static final int DEFAULT_EPHEMERAL_START = 32_768;
    private static final int ATTEMPTS = 200;

    /** Ports this JVM handed out, never handed out twice, so two components started together never collide. */
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private LocalPorts() {
    }

    /**
     * A port nothing is bound to right now, chosen below the kernel's ephemeral range. A port from that range
     * (what binding port 0 gives) can be taken in the meantime as the local end of any outgoing connection, for
     * example a Kafka client's, and a server started seconds later then fails with "port in use".
     */
    public static int free() {
        int below = ephemeralStart();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (canBind(port) && GIVEN.add(port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("no free port between " + LOWEST + " and " + below + " on "
                + HOST + " after " + ATTEMPTS + " attempts"));
    }

    /** Whether a server could listen on {@code port} now. */
    public static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether something accepts connections on {@code port}. */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int ephemeralStart() {
        try {
            int start = Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
            return start > LOWEST + 1_000 ? start : DEFAULT_EPHEMERAL_START;
        } catch (IOException | RuntimeException unreadable) {
            return DEFAULT_EPHEMERAL_START;
        }
    }
}
