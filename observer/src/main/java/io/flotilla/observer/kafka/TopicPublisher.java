package io.flotilla.observer.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.flotilla.events.ClusterState;
import io.flotilla.events.DriftFound;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.observer.drift.DriftTopic;
import io.flotilla.observer.drift.Traceparent;
import io.flotilla.observer.inventory.ClusterStateTopic;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * The topics the observer writes, each event keyed as its envelope says: drift found (by release, in the trace of the
 * applied event it drifted from) and cluster states (compacted, by cluster).
 */
@ApplicationScoped
public class TopicPublisher implements DriftTopic, ClusterStateTopic {

    private final MutinyEmitter<String> drift;
    private final MutinyEmitter<String> clusters;

    public TopicPublisher(@Channel("drift") MutinyEmitter<String> drift,
            @Channel("clusters") MutinyEmitter<String> clusters) {
        this.drift = drift;
        this.clusters = clusters;
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

    private static Message<String> keyed(Envelope<?> envelope) {
        return Message.of(EventCodec.encode(envelope))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(envelope.key()).build());
    }
}
