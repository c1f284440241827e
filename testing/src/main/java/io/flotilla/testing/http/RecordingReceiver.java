package io.flotilla.testing.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Plays the Git hosts' status and comment APIs and the chat and webhook receivers on one JDK HTTP server: every
 * request recorded as it came (method, raw path, headers, body) with the status and body it was answered; answered 201
 * with {@code {"id": <a number of its own>}}, as hosts give what they create an id, unless the test asked for
 * refusals of the requests whose path contains a text.
 */
public final class RecordingReceiver implements AutoCloseable {

    /**
     * A request as it came.
     *
     * @param headers by lower-case name
     * @param status  what it was answered
     * @param answer  the body it was answered
     */
    public record Request(String method, String path, Map<String, String> headers, String body, int status,
            String answer) {
        @Override
        public String toString() {
            return method + " " + path + " -> " + status + " " + body;
        }
    }

    /** Refusals left for the requests whose path contains a text. */
    private static final class Refusal {
        private final String pathContains;
        private final int status;
        private int left;

        private Refusal(String pathContains, int status, int times) {
            this.pathContains = pathContains;
            this.status = status;
            this.left = times;
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Refusal> refusals = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong(1000);

    public RecordingReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers every request whose path contains {@code pathContains} with {@code status}, from now on. */
    public void refuseAll(String pathContains, int status) {
        refuse(pathContains, Integer.MAX_VALUE, status);
    }

    /** Answers the next {@code times} requests whose path contains {@code pathContains} with {@code status}. */
    public synchronized void refuse(String pathContains, int times, int status) {
        refusals.add(new Refusal(pathContains, status, times));
    }

    /** The requests whose path contains {@code pathContains}, in the order they came. */
    public List<Request> to(String pathContains) {
        return requests.stream().filter(request -> request.path().contains(pathContains)).toList();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                String.join(",", values)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status = answer(path);
        String text = status < 300 ? "{\"id\":" + ids.incrementAndGet() + "}" : "{\"message\":\"unavailable\"}";
        requests.add(new Request(exchange.getRequestMethod(), path, headers, body, status, text));
        byte[] answer = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private synchronized int answer(String path) {
        for (Refusal refusal : refusals) {
            if (refusal.left > 0 && path.contains(refusal.pathContains)) {
                refusal.left--;
                return refusal.status;
            }
        }
        return 201;
    }
}
