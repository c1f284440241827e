package io.flotilla.observer.timeline;

import jakarta.enterprise.context.ApplicationScoped;

import io.flotilla.events.Envelope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * The events the observer keeps, as they come, to whoever listens. Each observer instance keeps the events of its
 * own partitions and finds the drift and states of the clusters it watches: {@link #keptHere()} is those, for what
 * must act once per event in the whole service (commit statuses, notifications). {@link #events()} is every event of
 * the fleet, whichever instance kept it, for the live streams (the SSE stream, the dashboard's pages): the events of
 * the topics as this instance's stream consumer reads them ({@link #relayed}), and what no topic carries.
 */
@ApplicationScoped
public class EventStream {

    private final BroadcastProcessor<EventView> here = BroadcastProcessor.create();
    private final BroadcastProcessor<EventView> everywhere = BroadcastProcessor.create();

    /** An event this instance kept, which every instance's stream shows as it reads it from its topic. */
    public void kept(Envelope<?> envelope) {
        here.onNext(EventView.of(TimelineEvent.of(envelope)));
    }

    /** An event this instance kept that no topic carries (a drift gone): only this instance's stream shows it. */
    public void keptUntold(Envelope<?> envelope) {
        shown(EventView.of(TimelineEvent.of(envelope)));
    }

    /** Something this instance keeps that is not an event of the timeline (a dead letter). */
    public void shown(EventView view) {
        here.onNext(view);
        everywhere.onNext(view);
    }

    /** An event of a topic, whichever instance kept it, read by this instance's stream consumer. */
    public void relayed(Envelope<?> envelope) {
        everywhere.onNext(EventView.of(TimelineEvent.of(envelope)));
    }

    /** What this instance kept. Listeners that fall behind lose the oldest events rather than hold the intake up. */
    public Multi<EventView> keptHere() {
        return here.onOverflow().drop();
    }

    /** Every event of the fleet. Listeners that fall behind lose the oldest events rather than hold the intake up. */
    public Multi<EventView> events() {
        return everywhere.onOverflow().drop();
    }
}
