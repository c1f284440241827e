package io.flotilla.git.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import io.flotilla.git.BareClone;

/**
 * The policy at the connection: names that resolve to a public address when the location is checked and to the
 * loopback interface when it is fetched (DNS rebinding) never reach the loopback server, whichever client fetches;
 * redirects are checked as the location was.
 */
class OutboundGateTest {

    private static final InetAddress PUBLIC = address(203, 0, 113, 7);

    private HttpServer loopback;
    private final List<String> reached = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serveOnLoopback() throws IOException {
        loopback = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        loopback.createContext("/", exchange -> {
            reached.add(exchange.getRequestHeaders().getFirst("Host") + exchange.getRequestURI());
            String redirect = exchange.getRequestURI().getQuery();
            byte[] body = "image: {tag: v2}\n".getBytes(StandardCharsets.UTF_8);
            if (redirect != null && redirect.startsWith("to=")) {
                exchange.getResponseHeaders().add("Location", redirect.substring(3));
                exchange.sendResponseHeaders(302, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        loopback.start();
    }

    @AfterEach
    void stop() {
        loopback.stop(0);
    }

    @Test
    void aNameThatRebindsToLoopbackAfterTheCheckNeverReachesItOverHttpOrHttps() throws Exception {
        for (String scheme : List.of("http", "https")) {
            OutboundPolicy policy = httpAndHttps().withResolver(rebinding("values.example"));
            String url = scheme + "://values.example:" + port() + "/values.yaml";
            policy.check("values URL", url);

            assertThatThrownBy(() -> OutboundHttp.send(OutboundHttp.client(policy, Duration.ofSeconds(5), null),
                    policy, "values URL", HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()))
                    .as(scheme)
                    .isInstanceOf(OutboundRefusedException.class)
                    .hasMessageContaining("values URL: the connection to values.example:" + port() + " is refused")
                    .hasMessageContaining("values.example (127.0.0.1) is a loopback address");
        }
        assertThat(reached).isEmpty();
    }

    @Test
    void aGitFetchOfANameThatRebindsToLoopbackNeverReachesIt(@TempDir Path clones) {
        OutboundPolicy policy = httpAndHttps().withResolver(rebinding("git.example"));
        String remote = "http://git.example:" + port() + "/team/charts.git";
        policy.check("the chart's repository", remote);

        try (BareClone clone = BareClone.open(remote, clones)) {
            assertThatThrownBy(() -> clone.fetch(policy, new RefSpec("+refs/heads/*:refs/heads/*")).call())
                    .hasMessageContaining("git.example (127.0.0.1) is a loopback address");
        }
        assertThat(reached).isEmpty();
    }

    @Test
    void aHostAllowedByNameIsReachedThroughTheGateAtTheAddressItResolvesTo() throws Exception {
        OutboundPolicy policy = new OutboundPolicy(Set.of("http"), false, List.of("charts.internal"))
                .withResolver(host -> new InetAddress[] {InetAddress.getLoopbackAddress()});
        HttpClient client = OutboundHttp.client(policy, Duration.ofSeconds(5), null);
        for (int request = 0; request < 2; request++) {
            HttpResponse<String> response = OutboundHttp.send(client, policy, "values URL",
                    HttpRequest.newBuilder(URI.create("http://charts.internal:" + port() + "/v.yaml?n=" + request))
                            .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("image: {tag: v2}\n");
        }
        assertThat(reached).containsExactly("charts.internal:" + port() + "/v.yaml?n=0",
                "charts.internal:" + port() + "/v.yaml?n=1");
    }

    @Test
    void aTunnelCarriesTheBytesBothWaysToTheCheckedAddress() throws Exception {
        OutboundPolicy policy = new OutboundPolicy(Set.of("https"), false, List.of("registry.internal"))
                .withResolver(host -> new InetAddress[] {InetAddress.getLoopbackAddress()});
        InetSocketAddress gate = (InetSocketAddress) OutboundGate.of(policy).proxies()
                .select(URI.create("https://registry.internal/")).get(0).address();
        try (Socket socket = new Socket(gate.getAddress(), gate.getPort())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("CONNECT registry.internal:" + port() + " HTTP/1.1\r\nHost: registry.internal:" + port()
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(("GET /v2/ HTTP/1.1\r\nHost: registry.internal\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String answers = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answers).startsWith("HTTP/1.1 200 Connection established\r\n\r\nHTTP/1.1 200");
            assertThat(answers).endsWith("image: {tag: v2}\n");
        }
        assertThat(reached).containsExactly("registry.internal/v2/");
    }

    @Test
    void aRedirectToLoopbackIsRefusedNamingTheRedirect() throws Exception {
        OutboundPolicy policy = new OutboundPolicy(Set.of("http", "https"), false, List.of("charts.example"))
                .withResolver(host -> host.equals("charts.example")
                        ? new InetAddress[] {InetAddress.getLoopbackAddress()}
                        : InetAddress.getAllByName(host));
        String target = "http://127.0.0.1:" + port() + "/secret";
        String url = "http://charts.example:" + port() + "/index.yaml?to=" + target;

        assertThatThrownBy(() -> OutboundHttp.send(OutboundHttp.client(policy, Duration.ofSeconds(5), null), policy,
                "spec.chart.repository: the Helm repository", HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessageContaining("the Helm repository " + url + " redirects to " + target + " is refused")
                .hasMessageContaining("127.0.0.1 is a loopback address");
        assertThat(reached).containsExactly("charts.example:" + port() + "/index.yaml?to=" + target);
    }

    @Test
    void aRedirectToAnotherHostDoesNotCarryTheAuthorization() throws Exception {
        Map<String, String> authorizations = new ConcurrentHashMap<>();
        loopback.createContext("/login", exchange -> {
            authorizations.put(exchange.getRequestHeaders().getFirst("Host"),
                    String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        OutboundPolicy policy = OutboundPolicy.anywhere();
        String other = "http://localhost:" + port() + "/login/blob";
        HttpResponse<String> response = OutboundHttp.send(OutboundHttp.client(policy, Duration.ofSeconds(5), null),
                policy, "registry", HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/?to=" + other))
                        .header("Authorization", "Basic c2VjcmV0").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(authorizations).containsExactly(Map.entry("localhost:" + port(), "null"));
    }

    @Test
    void moreRedirectsThanTheLimitAreAnError() {
        OutboundPolicy policy = OutboundPolicy.anywhere();
        String url = "http://127.0.0.1:" + port() + "/loop";
        String looping = url;
        for (int i = 0; i <= OutboundHttp.MAX_REDIRECTS; i++) {
            looping = url + "?to=" + java.net.URLEncoder.encode(looping, StandardCharsets.UTF_8);
        }
        String first = looping;
        assertThatThrownBy(() -> OutboundHttp.send(OutboundHttp.client(policy, Duration.ofSeconds(5), null), policy,
                "values URL", HttpRequest.newBuilder(URI.create(first)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("redirects more than 5 times");
    }

    private static OutboundPolicy httpAndHttps() {
        return new OutboundPolicy(Set.of("http", "https"), false, List.of());
    }

    /** {@code name} resolves to a public address the first time, to the loopback interface every time after. */
    private static HostResolver rebinding(String name) {
        AtomicInteger asked = new AtomicInteger();
        return host -> {
            if (!host.equals(name)) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {asked.getAndIncrement() == 0 ? PUBLIC : InetAddress.getLoopbackAddress()};
        };
    }

    private int port() {
        return loopback.getAddress().getPort();
    }

    private static InetAddress address(int... bytes) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) bytes[0], (byte) bytes[1], (byte) bytes[2],
                    (byte) bytes[3]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
