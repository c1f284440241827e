package io.flotilla.observer.timeline;

import jakarta.enterprise.context.ApplicationScoped;

import io.flotilla.events.Envelope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/** Every event the observer keeps, as it comes, to whoever listens (the SSE stream, the dashboard). */
@ApplicationScoped
public class EventStream {

    private final BroadcastProcessor<EventView> events = BroadcastProcessor.create();

    public void kept(Envelope<?> envelope) {
        shown(EventView.of(TimelineEvent.of(envelope)));
    }

    /** Something the observer keeps that is not an event of the timeline (a dead letter). */
    public void shown(EventView view) {
        events.onNext(view);
    }

    /** Listeners that fall behind lose the oldest events rather than hold the intake up. */
    public Multi<EventView> events() {
        return events.onOverflow().drop();
    }
}
