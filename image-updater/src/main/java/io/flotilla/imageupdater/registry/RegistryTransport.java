package io.flotilla.imageupdater.registry;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Sends one HTTP request to a registry or its token service. The one seam between {@link RegistryClient} and the
 * network, so that a wrapper can count or throttle what is sent.
 */
@FunctionalInterface
public interface RegistryTransport {

    HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException;

    /** Requests sent with {@code client}. */
    static RegistryTransport over(HttpClient client) {
        return request -> client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
}
