package io.flotilla.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.flotilla.events.ReleaseKey;
import io.flotilla.launcher.stack.LocalStack;
import io.flotilla.testing.applier.ApplierAlone;
import io.flotilla.testing.applier.Convergence;

/**
 * What the applier's fault tests share: the packaged applier alone on simulated {@code east} and {@code west}, a
 * sync of 100 releases on each, a wait for part of it to be done before the fault, and the check that it converged
 * afterwards as a user sees it.
 */
final class FaultedSync {

    static final List<String> CLUSTERS = List.of("east", "west");
    static final int RELEASES_PER_CLUSTER = 100;
    private static final Duration CONVERGENCE = Duration.ofSeconds(120);

    private FaultedSync() {
    }

    /**
     * The broker runs in this JVM: at INFO it and its clients write thousands of lines per test, and its clients
     * warn of every refused connection while it is down, as it is meant to be.
     */
    static ApplierAlone start(Path work, String database) {
        for (String category : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
            System.setProperty("org.slf4j.simpleLogger.log." + category, "warn");
        }
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient", "error");
        return ApplierAlone.start(EndToEndFleet.HOME, work, database, CLUSTERS, LocalStack.SERVICE_JVM, Map.of());
    }

    /** Publishes the sync: 100 releases of namespace {@code apps} on each cluster. */
    static List<ReleaseKey> publish(ApplierAlone applier) {
        return applier.publish("apps", CLUSTERS, RELEASES_PER_CLUSTER);
    }

    /** Waits until at least {@code count} releases are Ready: the fault then comes mid-sync. */
    static void awaitReady(ApplierAlone applier, List<ReleaseKey> releases, int count) {
        await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(20))
                .until(() -> applier.ready(releases) >= count);
    }

    /**
     * Waits until every release is Ready with its objects on its cluster, has exactly one revision (each was
     * rendered once, so a second revision would be a rendering applied twice) and its {@code ReleaseApplied} on
     * the topic; what was found, printed for the record.
     */
    static Convergence assertConverged(ApplierAlone applier, List<ReleaseKey> releases, String fault) {
        await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> applier.ready(releases) == releases.size());
        AtomicReference<Convergence> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Convergence convergence = applier.convergence(releases, 1);
            found.set(convergence);
            assertThat(convergence.ready()).as("releases Ready: " + convergence).isEqualTo(releases.size());
            assertThat(convergence.missingObjects()).as("releases missing objects: " + convergence).isZero();
            assertThat(convergence.revisions()).as("revisions: " + convergence).isEqualTo(releases.size());
            assertThat(convergence.gapped()).as("releases with gaps in their revisions: " + convergence).isZero();
            assertThat(convergence.lost()).as("revisions without ReleaseApplied: " + convergence).isZero();
        });
        System.out.println("after " + fault + ": " + found.get());
        return found.get();
    }
}
