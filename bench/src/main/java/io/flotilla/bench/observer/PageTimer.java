package io.flotilla.bench.observer;

import java.util.ArrayList;
import java.util.List;

import io.flotilla.bench.ServiceHttp;
import io.flotilla.launcher.cli.Endpoint;

/** Times the dashboard page as a browser asks for it: the whole HTML, from request to last byte. */
final class PageTimer {

    private final ServiceHttp observer;
    private int bytes;

    PageTimer(Endpoint observer) {
        this.observer = new ServiceHttp(observer);
    }

    /** @return the time of each of {@code times} requests, in milliseconds */
    List<Long> time(int times) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            bytes = fetch().length();
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        return millis;
    }

    /** The page's size at the last request, in bytes. */
    int bytes() {
        return bytes;
    }

    String fetch() {
        return observer.text("/");
    }
}
