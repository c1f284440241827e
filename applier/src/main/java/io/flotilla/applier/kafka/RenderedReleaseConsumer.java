package io.flotilla.applier.kafka;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.flotilla.applier.reconcile.RenderedReleases;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ReleaseRendered;

/**
 * The rendered topic: each {@code ReleaseRendered} becomes a desired release for {@link RenderedReleases}, and
 * each {@code ReleaseApplied} it leads to is published with the same correlation id. Records are acknowledged by
 * hand, when their release is done, and the connector commits an offset only once every record before it is
 * acknowledged. A record that is not a {@code ReleaseRendered} goes to the dead-letter topic.
 */
@ApplicationScoped
public class RenderedReleaseConsumer {

    private final RenderedReleases releases;
    private final AppliedEvents events;

    @Inject
    public RenderedReleaseConsumer(RenderedReleases releases, AppliedEvents events) {
        this.releases = releases;
        this.events = events;
    }

    @Incoming("rendered")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> onRendered(Message<String> record) {
        Envelope<ReleaseRendered> rendered;
        try {
            rendered = EventCodec.decode(record.getPayload(), ReleaseRendered.class);
        } catch (RuntimeException e) {
            return record.nack(e);
        }
        releases.submit(rendered.payload(), new KafkaDelivery(record), event -> events.publish(rendered, event));
        return CompletableFuture.completedFuture(null);
    }
}
