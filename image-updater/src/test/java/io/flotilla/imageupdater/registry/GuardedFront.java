package io.flotilla.imageupdater.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * What stands in front of a real registry where a test needs it, as a hosted registry's edge does: token auth
 * (a 401 with a {@code WWW-Authenticate: Bearer} challenge, and a token service at {@code /token} that wants one
 * basic login), throttling (429 to the next requests it is told to refuse), and tag lists in pages of {@code n}
 * with a {@code Link} to the next, as Docker Hub, GHCR and distribution 3 serve them (Debian's distribution 2.8
 * ignores {@code n} and lists every tag at once), and blobs by a redirect to the storage behind (the registry
 * itself here), as Docker Hub serves them from its CDN. Whatever it lets through is sent on to the registry behind,
 * and its answer back.
 */
public final class GuardedFront implements AutoCloseable {

    static final String USERNAME = "ci";
    static final String PASSWORD = "s3cret";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String behind;
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger toThrottle = new AtomicInteger();

    private GuardedFront(String behind) {
        this.behind = behind;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/token", this::token);
        server.createContext("/v2/", this::registry);
        server.start();
    }

    /** A front for the registry at {@code behind} ({@code host:port}). */
    public static GuardedFront before(String behind) {
        return new GuardedFront(behind);
    }

    /** {@code 127.0.0.1:port}, as image references name a registry. */
    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    int tokensIssued() {
        return tokensIssued.get();
    }

    /** Answers the next {@code requests} registry requests with 429. */
    void throttle(int requests) {
        toThrottle.set(requests);
    }

    private void token(HttpExchange exchange) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (USERNAME + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, "{\"details\":\"bad login\"}");
            return;
        }
        answer(exchange, 200, "{\"token\":\"token-" + tokensIssued.incrementAndGet() + "\"}");
    }

    private void registry(HttpExchange exchange) throws IOException {
        if (toThrottle.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            answer(exchange, 429, "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}");
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (tokensIssued.get() == 0 || !("Bearer token-" + tokensIssued.get()).equals(authorization)) {
            String name = exchange.getRequestURI().getPath().replaceFirst("^/v2/(.*)/(tags|manifests|blobs)/.*$", "$1");
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host()
                    + "/token\",service=\"front\",scope=\"repository:" + name + ":pull\"");
            answer(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
            return;
        }
        if (exchange.getRequestURI().getPath().contains("/blobs/")) {
            exchange.getResponseHeaders().add("Location", "http://" + behind + exchange.getRequestURI().getRawPath());
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
            return;
        }
        String query = exchange.getRequestURI().getRawQuery();
        if (exchange.getRequestURI().getPath().endsWith("/tags/list") && query != null && query.contains("n=")) {
            page(exchange, query);
            return;
        }
        HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create("http://" + behind
                        + exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        if (accept != null) {
            forward.header("Accept", accept);
        }
        HttpResponse<byte[]> answer;
        try {
            answer = HTTP.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        for (String header : List.of("Content-Type", "Docker-Content-Digest", "Link")) {
            answer.headers().firstValue(header).ifPresent(value -> exchange.getResponseHeaders().add(header, value));
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(answer.statusCode(), head || answer.body().length == 0 ? -1 : answer.body().length);
        if (!head) {
            exchange.getResponseBody().write(answer.body());
        }
        exchange.close();
    }

    private void page(HttpExchange exchange, String query) throws IOException {
        Map<String, String> parameters = new HashMap<>();
        for (String parameter : query.split("&")) {
            String[] pair = parameter.split("=", 2);
            parameters.put(pair[0], pair.length == 2 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "");
        }
        String path = exchange.getRequestURI().getRawPath();
        HttpResponse<byte[]> all;
        try {
            all = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + behind + path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (all.statusCode() != 200) {
            answer(exchange, all.statusCode(), new String(all.body(), StandardCharsets.UTF_8));
            return;
        }
        JsonNode list = JSON.readTree(all.body());
        List<String> tags = new ArrayList<>();
        list.path("tags").forEach(tag -> tags.add(tag.asText()));
        String last = parameters.getOrDefault("last", "");
        List<String> after = tags.stream().sorted().filter(tag -> tag.compareTo(last) > 0).toList();
        int n = Integer.parseInt(parameters.get("n"));
        List<String> page = after.subList(0, Math.min(n, after.size()));
        if (after.size() > n) {
            exchange.getResponseHeaders().add("Link", "<" + path + "?last=" + page.get(page.size() - 1) + "&n=" + n
                    + ">; rel=\"next\"");
        }
        ObjectNode body = JSON.createObjectNode().put("name", list.path("name").asText());
        page.forEach(body.putArray("tags")::add);
        answer(exchange, 200, JSON.writeValueAsString(body));
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
