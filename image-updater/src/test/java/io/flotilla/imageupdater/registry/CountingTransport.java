package io.flotilla.imageupdater.registry;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The real transport, noting every request it sends as {@code METHOD path?query}. */
final class CountingTransport implements RegistryTransport {

    private final RegistryTransport real = RegistryTransport.over(HttpClient.newHttpClient());
    private final List<String> sent = new CopyOnWriteArrayList<>();

    @Override
    public HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        sent.add(request.method() + " " + request.uri().getPath()
                + (request.uri().getQuery() == null ? "" : "?" + request.uri().getQuery()));
        return real.send(request);
    }

    /** The requests sent whose line contains {@code fragment}. */
    List<String> sent(String fragment) {
        return sent.stream().filter(line -> line.contains(fragment)).toList();
    }
}
