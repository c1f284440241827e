package io.flotilla.observer.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.flotilla.events.ClusterState;
import io.flotilla.events.DriftFound;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.messaging.Traceparent;
import io.flotilla.observer.deadletter.OriginalTopics;
import io.flotilla.observer.drift.DriftTopic;
import io.flotilla.observer.inventory.ClusterStateTopic;
import io.flotilla.observer.registry.RegistrationTopic;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * The topics the observer writes, each event keyed as its envelope says: drift found (by release, in the trace of the
 * applied event it drifted from), cluster states (compacted, by cluster) and the registry's registrations and removals
 * (same topic, by {@code <cluster>/registration}); and replayed dead letters, each to the topic it came from, as it was.
 */
@ApplicationScoped
public class TopicPublisher implements DriftTopic, ClusterStateTopic, RegistrationTopic, OriginalTopics {

    private final MutinyEmitter<String> drift;
    private final MutinyEmitter<String> clusters;
    private final MutinyEmitter<String> replayed;

    public TopicPublisher(@Channel("drift") MutinyEmitter<String> drift,
            @Channel("clusters") MutinyEmitter<String> clusters, @Channel("replayed") MutinyEmitter<String> replayed) {
        this.drift = drift;
        this.clusters = clusters;
        this.replayed = replayed;
    }

    @Override
    public Uni<Void> send(String topic, String key, String value, Map<String, String> headers) {
        RecordHeaders original = new RecordHeaders();
        headers.forEach((name, text) -> original.add(name, text.getBytes(StandardCharsets.UTF_8)));
        return replayed.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic).withKey(key).withHeaders(original).build()));
    }

    @Override
    public void publish(Envelope<DriftFound> found, String traceparent) {
        drift.sendMessageAndForget(keyed(found)
                .addMetadata(TracingMetadata.withCurrent(Traceparent.context(traceparent))));
    }

    @Override
    public void publish(Envelope<ClusterState> state) {
        clusters.sendMessageAndAwait(keyed(state));
    }

    @Override
    public void announce(Envelope<?> registration) {
        clusters.sendMessageAndAwait(keyed(registration));
    }

    private static Message<String> keyed(Envelope<?> envelope) {
        return Message.of(EventCodec.encode(envelope))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(envelope.key()).build());
    }
}
