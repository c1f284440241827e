package io.flotilla.git.outbound;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

import javax.net.ssl.SSLContext;

/**
 * HTTP requests to locations a user named (chart repositories, registries, values URLs), made one way: through the
 * policy's {@link OutboundGate} when it checks addresses, and each redirect followed here, not by the client, after
 * the policy has checked where it leads. A redirect to another host does not carry the request's
 * {@code Authorization} there.
 */
public final class OutboundHttp {

    /** The most redirects one request follows. */
    public static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private OutboundHttp() {
    }

    /**
     * A client for {@link #send}: through the policy's gate, redirects left to {@code send}.
     *
     * @param trusted the certificate authorities to trust, null for the JVM's
     */
    public static HttpClient client(OutboundPolicy policy, Duration connectTimeout, SSLContext trusted) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (trusted != null) {
            builder.sslContext(trusted);
        }
        if (policy.checksConnections()) {
            builder.proxy(OutboundGate.of(policy).proxies());
        }
        return builder.build();
    }

    /**
     * Sends {@code request} with {@code client} (made by {@link #client} for the same policy), following redirects
     * the policy allows.
     *
     * @param what names the location in messages, e.g. "spec.chart.repository: the Helm repository"
     * @throws OutboundRefusedException when a redirect leads where the policy does not allow, or the gate refused
     *                                  the connection (the name resolved to another address than when checked)
     * @throws IOException              when there are more than {@link #MAX_REDIRECTS} redirects, or as the client
     */
    public static <T> HttpResponse<T> send(HttpClient client, OutboundPolicy policy, String what, HttpRequest request,
            HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
        HttpRequest current = request;
        for (int redirects = 0; ; redirects++) {
            HttpResponse<T> response = sendOnce(client, policy, what, current, body);
            String location = response.headers().firstValue("Location").orElse(null);
            if (!REDIRECTS.contains(response.statusCode()) || location == null) {
                return response;
            }
            discard(response);
            if (redirects == MAX_REDIRECTS) {
                throw new IOException(what + " " + request.uri() + " redirects more than " + MAX_REDIRECTS + " times");
            }
            URI next = current.uri().resolve(location);
            policy.check(what + " " + request.uri() + " redirects to", next.toString());
            current = redirected(current, next, response.statusCode());
        }
    }

    private static <T> HttpResponse<T> sendOnce(HttpClient client, OutboundPolicy policy, String what,
            HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
        if (!policy.checksConnections()) {
            return client.send(request, body);
        }
        OutboundGate gate = OutboundGate.of(policy);
        try {
            HttpResponse<T> response = client.send(request, body);
            if (response.statusCode() == 403) {
                String refused = gate.refusal(request.uri()).orElse(null);
                if (refused != null) {
                    discard(response);
                    throw new OutboundRefusedException(what + ": " + refused);
                }
            }
            return response;
        } catch (IOException e) {
            String refused = gate.refusal(request.uri()).orElse(null);
            if (refused != null) {
                throw new OutboundRefusedException(what + ": " + refused);
            }
            throw e;
        }
    }

    /** The request again at {@code next}: a GET after a 303 (and after a 301 or 302 of a POST, as browsers do). */
    private static HttpRequest redirected(HttpRequest request, URI next, int status) {
        boolean sameOrigin = Objects.equals(request.uri().getScheme(), next.getScheme())
                && Objects.equals(request.uri().getRawAuthority(), next.getRawAuthority());
        HttpRequest.Builder builder = HttpRequest.newBuilder(request,
                (name, value) -> sameOrigin || !name.equalsIgnoreCase("Authorization")).uri(next);
        if (status == 303 || (status == 301 || status == 302) && !request.method().equals("GET")) {
            builder.GET();
        }
        return builder.build();
    }

    private static void discard(HttpResponse<?> response) throws IOException {
        if (response.body() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }
}
