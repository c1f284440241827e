package io.flotilla.imageupdater.registry;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests to one host spaced so that no more than {@code perSecond} leave a second, whoever sends them: hosted
 * registries count requests per client (Docker Hub's pull limits, GHCR's and ECR's throttling), and a fleet with
 * hundreds of automated releases must not spend them in a burst. A request waits its turn in the calling thread.
 */
public final class RateLimitedTransport implements RegistryTransport {

    private final RegistryTransport transport;
    private final long spacingNanos;
    private final Map<String, Long> lastSlotByHost = new ConcurrentHashMap<>();

    public RateLimitedTransport(RegistryTransport transport, double perSecond) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("a rate limit needs a positive number of requests a second");
        }
        this.transport = transport;
        this.spacingNanos = (long) (1_000_000_000L / perSecond);
    }

    @Override
    public HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        long now = System.nanoTime();
        long slot = lastSlotByHost.merge(request.uri().getAuthority(), now,
                (last, ignored) -> Math.max(last + spacingNanos, now));
        long wait = slot - now;
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        return transport.send(request);
    }
}
