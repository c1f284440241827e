package io.flotilla.embedded.clusters;

/**
 * One request a simulated cluster received.
 *
 * @param receivedNanos when, on the clock of {@link System#nanoTime()}
 * @param method        the HTTP method, such as {@code DELETE}
 * @param path          the path with its query, such as {@code /api/v1/namespaces/apps/configmaps/web?dryRun=All}
 */
public record ReceivedRequest(long receivedNanos, String method, String path) {

    public boolean isDryRun() {
        return path.contains("dryRun=All");
    }
}
