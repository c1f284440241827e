package io.flotilla.applier.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.flotilla.applier.apply.ReleaseReconciler;
import io.flotilla.applier.dependency.WaitingReleases;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * The applier on Kafka: each {@code ReleaseRendered}, in order per partition, becomes at most one
 * {@code ReleaseApplied} with the same correlation id. Blocking, because cluster clients block. A
 * record that is not a {@code ReleaseRendered} fails here and goes to the dead-letter topic.
 */
@ApplicationScoped
public class RenderedReleaseConsumer {

    static final String SOURCE = "applier";

    private final ReleaseReconciler reconciler;
    private final MutinyEmitter<String> applied;
    private final WaitingReleases<Envelope<ReleaseRendered>> waiting = new WaitingReleases<>();

    @Inject
    public RenderedReleaseConsumer(ReleaseReconciler reconciler, @Channel("applied") MutinyEmitter<String> applied) {
        this.reconciler = reconciler;
        this.applied = applied;
    }

    @Incoming("rendered")
    @Blocking
    public void onRendered(String record) {
        handle(EventCodec.decode(record, ReleaseRendered.class));
    }

    /** A release that waits for others ({@code dependsOn}) is handled again once the last of them is Ready. */
    private void handle(Envelope<ReleaseRendered> rendered) {
        List<ReleaseKey> unready = reconciler.unreadyDependencies(rendered.payload());
        if (!unready.isEmpty()) {
            waiting.waitFor(rendered.payload().release(), unready, rendered);
            publish(Envelope.causedBy(rendered, SOURCE, reconciler.waiting(rendered.payload(), unready)));
            return;
        }
        reconciler.reconcile(rendered.payload(), progress -> publish(Envelope.causedBy(rendered, SOURCE, progress)))
                .ifPresent(event -> {
                    publish(Envelope.causedBy(rendered, SOURCE, event));
                    if (event.outcome() == Outcome.Ready) {
                        waiting.readied(event.release()).forEach(this::handle);
                    }
                });
    }

    private void publish(Envelope<ReleaseApplied> event) {
        applied.sendMessageAndAwait(Message.of(EventCodec.encode(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build()));
    }
}
