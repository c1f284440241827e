package io.flotilla.observer.intake;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.flotilla.events.Envelope;
import io.flotilla.events.Event;
import io.flotilla.events.PreviewChecked;
import io.flotilla.events.PreviewPlanned;
import io.flotilla.events.PreviewRequested;
import io.flotilla.observer.preview.Preview;
import io.flotilla.observer.preview.Previews;

/**
 * What the observer does with each preview event it reads: keeps it in {@link Previews} and says how the preview
 * stands after. A database that does not answer is waited for, each try logged, with the record unacknowledged: an
 * event is never given up to the dead-letter topic for a fault of the database.
 */
@ApplicationScoped
public class PreviewIntake {

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
            return EventIntake.keep(envelope, () -> previews.requested(request, envelope.time()));
        }
        if (envelope.payload() instanceof PreviewPlanned plan) {
            return EventIntake.keep(envelope, () -> previews.planned(plan, envelope.time()));
        }
        if (envelope.payload() instanceof PreviewChecked check) {
            return EventIntake.keep(envelope, () -> previews.checked(check, envelope.time()));
        }
        return Optional.empty();
    }
}
