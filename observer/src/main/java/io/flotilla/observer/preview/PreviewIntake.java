package io.flotilla.observer.preview;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.flotilla.events.Envelope;
import io.flotilla.events.Event;
import io.flotilla.events.PreviewChecked;
import io.flotilla.events.PreviewPlanned;
import io.flotilla.events.PreviewRequested;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * What the observer does with each preview event it reads: keeps it in {@link Previews} and says how the preview
 * stands after. A database that does not answer is waited for, each try logged, with the record unacknowledged: an
 * event is never given up to the dead-letter topic for a fault of the database.
 */
@ApplicationScoped
public class PreviewIntake {

    private static final Logger LOG = Logger.getLogger(PreviewIntake.class);

    private final Previews previews;

    public PreviewIntake(Previews previews) {
        this.previews = previews;
    }

    /**
     * @return the preview after the event, when the event is about its newest commit; empty when it was dropped as
     *         older, or came before its request
     */
    public Optional<Preview> take(Envelope<Event> envelope) {
        if (envelope.payload() instanceof PreviewRequested request) {
            return keep(envelope, () -> previews.requested(request, envelope.time()));
        }
        if (envelope.payload() instanceof PreviewPlanned plan) {
            return keep(envelope, () -> previews.planned(plan, envelope.time()));
        }
        if (envelope.payload() instanceof PreviewChecked check) {
            return keep(envelope, () -> previews.checked(check, envelope.time()));
        }
        return Optional.empty();
    }

    private static <T> T keep(Envelope<Event> envelope, Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> work.get()
                    .onFailure().invoke(failure -> LOG.warnf("%s %s: not kept yet, tried again: %s", envelope.type(),
                            envelope.id(), failure.getMessage()))
                    .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely());
        } catch (Throwable e) {
            throw new IllegalStateException(envelope.type() + " " + envelope.id() + ": not kept", e);
        }
    }
}
