package io.flotilla.applier.kafka;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.flotilla.applier.history.Taken;
import io.flotilla.applier.reconcile.Cause;
import io.flotilla.applier.reconcile.RenderedReleases;
import io.flotilla.applier.reconcile.Trigger;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ReleaseRendered;

/**
 * The rendered topic: each {@code ReleaseRendered} becomes a desired release for {@link RenderedReleases}, taken with
 * its commit order and its envelope (kept in the history, to reconcile it again later), and every event it leads to
 * carries its correlation id. Records are acknowledged by hand, once their revision is recorded, and the connector
 * commits an offset only once every record before it is acknowledged. Only a record that is not a
 * {@code ReleaseRendered} at all goes to the dead-letter topic.
 */
@ApplicationScoped
public class RenderedReleaseConsumer {

    static final String SOURCE = "applier";

    private final RenderedReleases releases;

    @Inject
    public RenderedReleaseConsumer(RenderedReleases releases) {
        this.releases = releases;
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
        Cause cause = new Cause(Trigger.RENDERING, new Taken(rendered.payload().commitOrder(), record.getPayload()),
                event -> EventCodec.encode(Envelope.causedBy(rendered, SOURCE, event)));
        releases.submit(rendered.payload(), cause, new KafkaDelivery(record));
        return CompletableFuture.completedFuture(null);
    }
}
