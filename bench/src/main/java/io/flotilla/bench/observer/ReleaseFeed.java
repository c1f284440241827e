package io.flotilla.bench.observer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.flotilla.events.CrdPolicy;
import io.flotilla.events.DriftMode;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.CommitDetected;
import io.flotilla.events.CompressedObjects;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.Topic;

/**
 * What the observer reads about the benchmark's releases, sent as the other services send it: one commit, then for
 * each release its rendered objects (drift detection {@code warn}) and its applied revision, on the topics.
 */
final class ReleaseFeed implements AutoCloseable {

    static final String SHA = "b3nc4000000000000000000000000000000000000";
    private static final ReleaseOptions WARN_ON_DRIFT = new ReleaseOptions(300, false, List.of(), 0, 0, DriftMode.WARN,
            List.of(), CrdPolicy.CREATE, false);

    private final KafkaProducer<String, String> producer;
    private final String prefix;

    ReleaseFeed(String bootstrap, String prefix) {
        this.prefix = prefix;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.LINGER_MS_CONFIG, 5));
    }

    void send(List<BenchRelease> releases) {
        Envelope<CommitDetected> commit = Envelope.first("git-watcher", new CommitDetected("bench/fleet", "main", SHA,
                null, List.of("apps/"), "bench", "Every benchmark release", Instant.now()));
        send(Topic.COMMITS, commit);
        for (BenchRelease release : releases) {
            List<Map<String, Object>> objects = release.objects();
            Envelope<ReleaseRendered> rendered = Envelope.causedBy(commit, "renderer", new ReleaseRendered(
                    release.key(), ReleaseFormat.FLUX_V2, "bench/fleet", SHA, "apps/" + release.name() + ".yaml",
                    "web", "1.0.0", "chart-digest", "values-digest", "input-" + release.key(), objects.size(),
                    CompressedObjects.of(objects), null, WARN_ON_DRIFT, false));
            List<ObjectResult> results = new ArrayList<>();
            objects.forEach(object -> results.add(ObjectResult.applied(ref(object))));
            Envelope<ReleaseApplied> applied = Envelope.causedBy(rendered, "applier", new ReleaseApplied(release.key(),
                    1, Outcome.Ready, SHA, "apps/" + release.name() + ".yaml", "web", "1.0.0",
                    "input-" + release.key(), results, 40, Instant.now(), null));
            send(Topic.RENDERED, rendered);
            send(Topic.APPLIED, applied);
        }
        producer.flush();
    }

    @SuppressWarnings("unchecked")
    private static ObjectRef ref(Map<String, Object> object) {
        Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
        return new ObjectRef((String) object.get("apiVersion"), (String) object.get("kind"),
                (String) metadata.get("namespace"), (String) metadata.get("name"));
    }

    private void send(Topic topic, Envelope<?> envelope) {
        producer.send(new ProducerRecord<>(topic.nameWith(prefix), envelope.key(), EventCodec.encode(envelope)));
    }

    @Override
    public void close() {
        producer.close();
    }
}
