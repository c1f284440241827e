package io.flotilla.imageupdater.registry;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts every request sent to a registry or its token service, by host, as
 * {@code flotilla_images_registry_requests_total{host}}: what hosted registries bill and throttle, so what an
 * operator watches when a fleet automates many images.
 */
public final class MeteredTransport implements RegistryTransport {

    private final RegistryTransport transport;
    private final MeterRegistry metrics;

    public MeteredTransport(RegistryTransport transport, MeterRegistry metrics) {
        this.transport = transport;
        this.metrics = metrics;
    }

    @Override
    public HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        metrics.counter("flotilla.images.registry.requests", "host", request.uri().getAuthority()).increment();
        return transport.send(request);
    }
}
