package io.flotilla.bench.observer;

import java.time.Duration;
import java.time.Instant;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.events.DriftFound;
import io.flotilla.events.Topic;
import io.flotilla.launcher.stack.StackException;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.kafka.TopicFollower;

/**
 * Changes a release's ConfigMap behind Flotilla's back, as someone with kubectl would, and times how long until
 * the observer's {@code DriftFound} naming the changed field is on the drift topic; then puts the value back.
 */
final class DriftProbe implements AutoCloseable {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private final TopicFollower drift;

    DriftProbe(FlotillaTopics topics) {
        drift = topics.follow(Topic.DRIFT);
    }

    /** @return milliseconds from the change to the DriftFound read from the topic */
    long time(KubernetesClient cluster, BenchRelease release, int attempt) {
        String changed = "changed out of band " + attempt;
        Instant changedAt = Instant.now();
        long start = System.nanoTime();
        cluster.configMaps().inNamespace(BenchRelease.NAMESPACE).withName(release.name())
                .edit(map -> { map.getData().put("message", changed); return map; });
        try {
            // Published after the change: an earlier attempt's drift of the same release does not count.
            drift.await(DriftFound.class, event -> release.key().equals(event.payload().release())
                    && !event.time().isBefore(changedAt) && namesTheChange(event.payload()), LIMIT);
        } catch (AssertionError e) {
            throw new StackException("no DriftFound for " + release.key() + " within " + LIMIT.toSeconds()
                    + " s of changing its ConfigMap", e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        cluster.configMaps().inNamespace(BenchRelease.NAMESPACE).withName(release.name())
                .edit(map -> { map.getData().put("message", "Hello from " + release.name()); return map; });
        return millis;
    }

    private static boolean namesTheChange(DriftFound drift) {
        return drift.objects().stream().anyMatch(object -> object.object().kind().equals("ConfigMap")
                && object.fields().contains("/data/message"));
    }

    @Override
    public void close() {
        drift.close();
    }
}
