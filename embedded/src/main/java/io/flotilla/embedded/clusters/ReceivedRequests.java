package io.flotilla.embedded.clusters;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.fabric8.mockwebserver.dsl.HttpMethod;

/**
 * The latest requests a simulated cluster received, in the order it received them, each with when: so a test can
 * see the order of deletions, or how many requests came within one second. Only the latest {@link #KEPT} are kept,
 * so that a cluster serving for hours does not fill the memory.
 */
final class ReceivedRequests {

    static final int KEPT = 100_000;

    private final Deque<ReceivedRequest> latest = new ArrayDeque<>();

    synchronized void add(HttpMethod method, String path) {
        if (latest.size() == KEPT) {
            latest.removeFirst();
        }
        latest.addLast(new ReceivedRequest(System.nanoTime(), String.valueOf(method), path));
    }

    synchronized List<ReceivedRequest> list() {
        return List.copyOf(latest);
    }
}
