package io.flotilla.applier.kafka;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.flotilla.applier.reconcile.AppliedTopic;
import io.flotilla.messaging.Traceparent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** The applied topic: each event keyed by its release. */
@ApplicationScoped
public class AppliedEvents implements AppliedTopic {

    private static final Logger LOG = Logger.getLogger(AppliedEvents.class);
    private static final int TELL_WAIT_SECONDS = 10;

    private final MutinyEmitter<String> applied;

    @Inject
    public AppliedEvents(@Channel("applied") MutinyEmitter<String> applied) {
        this.applied = applied;
    }

    /**
     * Sends the encoded envelope and waits until Kafka has it, {@value #TELL_WAIT_SECONDS} seconds at most: these
     * events tell of progress, and no revision depends on them, so a broker that does not answer makes the applier
     * log it and go on rather than hold the release.
     */
    @Override
    public void send(String key, String envelope) {
        try {
            sending(key, envelope, null).await().atMost(Duration.ofSeconds(TELL_WAIT_SECONDS));
        } catch (RuntimeException e) {
            LOG.warnf("%s: an event of progress was not sent: %s", key, e.getMessage());
        }
    }

    /** Sends the encoded envelope in the trace {@code traceparent} names; the answer comes once Kafka has it. */
    Uni<Void> sending(String key, String envelope, String traceparent) {
        Message<String> message = Message.of(envelope)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
        if (traceparent != null) {
            message = message.addMetadata(TracingMetadata.withCurrent(Traceparent.context(traceparent)));
        }
        return applied.sendMessage(message);
    }
}
