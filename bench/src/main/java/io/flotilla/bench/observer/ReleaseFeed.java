package io.flotilla.bench.observer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.DriftMode;
import io.flotilla.events.Envelope;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.testing.kafka.FlotillaTopics;

/**
 * What the observer reads about the benchmark's releases, sent as the other services send it: one commit, then for
 * each release its rendered objects (drift detection {@code warn}) and its applied revision, on the topics.
 */
final class ReleaseFeed {

    static final String SHA = "b3nc4000000000000000000000000000000000000";
    private static final ReleaseOptions WARN_ON_DRIFT = ReleaseOptions.builder().driftDetection(DriftMode.WARN).build();

    private ReleaseFeed() {
    }

    static void send(FlotillaTopics topics, List<BenchRelease> releases) {
        Envelope<CommitDetected> commit = Envelope.first("git-watcher", new CommitDetected("bench/fleet", "main", SHA,
                null, List.of("apps/"), "bench", "Every benchmark release", Instant.now()));
        List<Envelope<?>> envelopes = new ArrayList<>(List.of(commit));
        for (BenchRelease release : releases) {
            List<Map<String, Object>> objects = release.objects();
            Envelope<ReleaseRendered> rendered = Envelope.causedBy(commit, "renderer", ReleaseRendered.builder()
                    .release(release.key()).repository("bench/fleet").sourceSha(SHA)
                    .sourceFile("apps/" + release.name() + ".yaml").chart("web", "1.0.0").chartDigest("chart-digest")
                    .valuesDigest("values-digest").inputDigest("input-" + release.key()).objects(objects)
                    .options(WARN_ON_DRIFT).build());
            List<ObjectResult> results = objects.stream().map(object -> ObjectResult.applied(ref(object))).toList();
            envelopes.add(rendered);
            envelopes.add(Envelope.causedBy(rendered, "applier", ReleaseApplied.builder().of(rendered.payload())
                    .revision(1).outcome(Outcome.Ready).objects(results).durationMs(40).appliedAt(Instant.now())
                    .build()));
        }
        topics.publishAll(envelopes);
    }

    @SuppressWarnings("unchecked")
    private static ObjectRef ref(Map<String, Object> object) {
        Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
        return new ObjectRef((String) object.get("apiVersion"), (String) object.get("kind"),
                (String) metadata.get("namespace"), (String) metadata.get("name"));
    }
}
