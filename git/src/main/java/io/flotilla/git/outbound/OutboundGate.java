package io.flotilla.git.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;

/**
 * Where connections to locations a user named are made, so that the {@link OutboundPolicy} holds when the
 * connection is made and not only when the location was read: an HTTP proxy in this process, listening on the
 * loopback interface, that the HTTP clients fetching such locations go through (the JDK's {@code HttpClient} by
 * {@link #proxies()}, JGit's HTTP transport by {@link #connections()}). For each connection it resolves the host
 * again, refuses it when any of its addresses is not allowed ({@link OutboundPolicy#addressFor}) and connects to the
 * address it checked: a name that resolved to a public address at the check and resolves to 127.0.0.1 now (DNS
 * rebinding) never reaches 127.0.0.1. HTTPS passes as a {@code CONNECT} tunnel (TLS stays between the client and the
 * server, checked against the host's name); plain HTTP as one request per connection. A refused connection is
 * answered 403 with the reason as its reason phrase, and the reason is kept for the caller ({@link #refusal}).
 *
 * <p>One gate per policy, started when first asked for. A policy that allows every address needs none.
 */
public final class OutboundGate {

    private static final Map<OutboundPolicy, OutboundGate> GATES = new ConcurrentHashMap<>();
    private static final int CONNECT_TIMEOUT_MILLIS = 30_000;
    /** How long a server may stay silent in the middle of an answer before the connection is dropped. */
    private static final int IDLE_TIMEOUT_MILLIS = 120_000;
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int REFUSALS_KEPT = 256;
    private static final List<String> HOP_HEADERS = List.of("connection", "proxy-connection", "keep-alive", "upgrade",
            "http2-settings", "proxy-authorization", "te", "trailer", "transfer-encoding-proxy");

    private final OutboundPolicy policy;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "flotilla-outbound-gate");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, String> refusals = new ConcurrentHashMap<>();

    private OutboundGate(OutboundPolicy policy) {
        this.policy = policy;
        try {
            server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the outbound gate on the loopback interface: "
                    + e.getMessage(), e);
        }
        threads.execute(this::accept);
    }

    /** The gate of {@code policy}, started the first time. */
    public static OutboundGate of(OutboundPolicy policy) {
        return GATES.computeIfAbsent(policy, OutboundGate::new);
    }

    /** For {@code HttpClient.Builder.proxy}: every request through the gate. */
    public ProxySelector proxies() {
        return ProxySelector.of((InetSocketAddress) server.getLocalSocketAddress());
    }

    /** For JGit's {@code TransportHttp.setHttpConnectionFactory}: every connection through the gate. */
    public HttpConnectionFactory connections() {
        Proxy proxy = new Proxy(Proxy.Type.HTTP, server.getLocalSocketAddress());
        HttpConnectionFactory direct = new JDKHttpConnectionFactory();
        return new HttpConnectionFactory() {
            @Override
            public HttpConnection create(URL url) throws IOException {
                return direct.create(url, proxy);
            }

            @Override
            public HttpConnection create(URL url, Proxy ignored) throws IOException {
                return direct.create(url, proxy);
            }
        };
    }

    /**
     * Why the gate refused a connection to {@code uri}'s host and port, once: the message for the user, where the
     * client only says that the proxy answered 403.
     */
    public Optional<String> refusal(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() == null ? Optional.empty()
                : Optional.ofNullable(refusals.remove(key(uri.getHost(), port)));
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                // The next connection is accepted as usual.
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(IDLE_TIMEOUT_MILLIS);
            InputStream in = client.getInputStream();
            List<String> head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            String[] request = head.get(0).split(" ");
            if (request.length != 3) {
                answer(client, 400, "not an HTTP request");
                return;
            }
            boolean tunnel = request[0].equalsIgnoreCase("CONNECT");
            String host;
            int port;
            URI target = null;
            if (tunnel) {
                int colon = request[1].lastIndexOf(':');
                host = request[1].substring(0, Math.max(colon, 0)).replace("[", "").replace("]", "");
                port = parsePort(request[1].substring(colon + 1));
            } else {
                target = URI.create(request[1]);
                if (!"http".equalsIgnoreCase(target.getScheme()) || target.getHost() == null) {
                    answer(client, 400, "only absolute http URLs and CONNECT pass the gate");
                    return;
                }
                host = target.getHost().replace("[", "").replace("]", "");
                port = target.getPort() < 0 ? 80 : target.getPort();
            }
            if (host.isEmpty() || port <= 0) {
                answer(client, 400, "no host and port in " + request[1]);
                return;
            }
            InetAddress address;
            try {
                address = policy.addressFor("the connection to " + host + ":" + port, host);
            } catch (OutboundRefusedException e) {
                keep(key(host, port), e.getMessage());
                answer(client, 403, e.getMessage());
                return;
            } catch (UnknownHostException e) {
                answer(client, 502, "unknown host " + host);
                return;
            }
            try (Socket upstream = new Socket()) {
                upstream.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
                upstream.setSoTimeout(IDLE_TIMEOUT_MILLIS);
                OutputStream toServer = upstream.getOutputStream();
                if (tunnel) {
                    client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    client.getOutputStream().flush();
                } else {
                    toServer.write(originForm(request, target, head).getBytes(StandardCharsets.ISO_8859_1));
                    toServer.flush();
                }
                client.setSoTimeout(0);
                threads.execute(() -> copyThenShutdown(in, upstream));
                copyThenShutdown(upstream.getInputStream(), client);
            } catch (IOException e) {
                answer(client, 502, "cannot connect to " + host + ":" + port + ": " + e.getMessage());
            }
        } catch (IOException | IllegalArgumentException e) {
            // The client went away or sent something that is not HTTP: nothing was connected.
        }
    }

    /** The request as the server expects it: its path, the headers but those of the hop, one request only. */
    private static String originForm(String[] request, URI target, List<String> head) {
        StringBuilder text = new StringBuilder(request[0]).append(' ')
                .append(target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath())
                .append(target.getRawQuery() == null ? "" : "?" + target.getRawQuery())
                .append(' ').append(request[2]).append("\r\n");
        for (String header : head.subList(1, head.size())) {
            int colon = header.indexOf(':');
            String name = colon < 0 ? header : header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (!HOP_HEADERS.contains(name)) {
                text.append(header).append("\r\n");
            }
        }
        return text.append("Connection: close\r\n\r\n").toString();
    }

    private static void copyThenShutdown(InputStream from, Socket to) {
        try {
            from.transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            try {
                to.close();
            } catch (IOException ignored) {
                // Closed already.
            }
        }
    }

    private static List<String> readHead(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        List<String> lines = new ArrayList<>();
        int total = 0;
        for (int read = in.read(); read >= 0; read = in.read()) {
            if (++total > MAX_HEAD_BYTES) {
                throw new IOException("request head larger than " + MAX_HEAD_BYTES + " bytes");
            }
            if (read != '\n') {
                line.write(read);
                continue;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1).replaceAll("\r$", "");
            line.reset();
            if (text.isEmpty()) {
                return lines;
            }
            lines.add(text);
        }
        return List.of();
    }

    private static void answer(Socket client, int status, String reason) {
        String phrase = reason.replaceAll("[\\r\\n]", " ");
        try {
            client.getOutputStream().write(("HTTP/1.1 " + status + " " + phrase + "\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            client.getOutputStream().flush();
        } catch (IOException e) {
            // The client is gone.
        }
    }

    private void keep(String key, String message) {
        if (refusals.size() >= REFUSALS_KEPT) {
            refusals.clear();
        }
        refusals.put(key, message);
    }

    private static String key(String host, int port) {
        return host.toLowerCase(Locale.ROOT).replace("[", "").replace("]", "") + ":" + port;
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
