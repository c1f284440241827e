package io.flotilla.applier.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ReleaseApplied;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** The applied topic: each event keyed by its release, sent before the record that caused it is acknowledged. */
@ApplicationScoped
public class AppliedEvents {

    static final String SOURCE = "applier";

    private final MutinyEmitter<String> applied;

    @Inject
    public AppliedEvents(@Channel("applied") MutinyEmitter<String> applied) {
        this.applied = applied;
    }

    /** Sends the event, caused by {@code cause}, and waits until Kafka has it. */
    void publish(Envelope<?> cause, ReleaseApplied event) {
        Envelope<ReleaseApplied> envelope = Envelope.causedBy(cause, SOURCE, event);
        applied.sendMessageAndAwait(Message.of(EventCodec.encode(envelope))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(envelope.key()).build()));
    }
}
