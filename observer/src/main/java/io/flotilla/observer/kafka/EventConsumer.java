package io.flotilla.observer.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.flotilla.events.Envelope;
import io.flotilla.events.Event;
import io.flotilla.events.EventCodec;
import io.flotilla.events.EventFormatException;
import io.flotilla.events.ImageTagFound;
import io.flotilla.events.PullSecretsSynced;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseReconciled;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.messaging.Traceparent;
import io.flotilla.observer.intake.EventIntake;
import io.smallrye.common.annotation.Blocking;

/**
 * Reads the topics the observer follows. A record that is not an event fails here and goes to the dead-letter topic
 * (channel configuration); the consumer goes on with the next record. Read on a worker thread, each channel in
 * order: decoding a rendered release can take long, and the event loops serve the API meanwhile.
 */
@ApplicationScoped
public class EventConsumer {

    private final EventIntake intake;

    public EventConsumer(EventIntake intake) {
        this.intake = intake;
    }

    @Incoming("commits")
    @Blocking
    public void commit(String record) {
        intake.take(decode(record), null);
    }

    /** The tag an image's policy chose, with the edits that move releases to it. */
    @Incoming("images")
    @Blocking
    public void image(String record) {
        intake.take(decode(record), null);
    }

    /** A cluster's pull secrets after a sync. */
    @Incoming("pullsecrets")
    @Blocking
    public void pullSecrets(String record) {
        intake.take(decode(record), null);
    }

    /**
     * A release rendered ({@code ReleaseRendered}), a revision applied ({@code ReleaseApplied}) or a reconcile that
     * changed nothing ({@code ReleaseReconciled}): both topics on one channel, so the rendering and the revisions of a
     * release are read by one instance. An applied event is read in the trace its record carries, which the drift it
     * may lead to continues.
     */
    @Incoming("releases")
    @Blocking
    public void release(String record) {
        Envelope<Event> envelope = decode(record);
        intake.take(envelope, envelope.payload() instanceof ReleaseRendered ? null : Traceparent.current());
    }

    private static Envelope<Event> decode(String record) {
        Envelope<Event> envelope = EventCodec.decode(record);
        if (envelope.payload() instanceof ReleaseApplied applied && (applied.release() == null || applied.outcome() == null)) {
            throw new EventFormatException("ReleaseApplied event " + envelope.id() + " names no release or no outcome");
        }
        if (envelope.payload() instanceof ReleaseReconciled reconciled
                && (reconciled.release() == null || reconciled.reconciledAt() == null)) {
            throw new EventFormatException("ReleaseReconciled event " + envelope.id() + " names no release or no time");
        }
        if (envelope.payload() instanceof ImageTagFound found
                && (found.repository() == null || found.tag() == null)) {
            throw new EventFormatException("ImageTagFound event " + envelope.id() + " names no repository or no tag");
        }
        if (envelope.payload() instanceof PullSecretsSynced synced
                && (synced.cluster() == null || synced.syncedAt() == null)) {
            throw new EventFormatException("PullSecretsSynced event " + envelope.id() + " names no cluster or no time");
        }
        return envelope;
    }
}
