package io.flotilla.applier.reconcile;

import java.util.function.Function;

import io.flotilla.applier.history.Taken;
import io.flotilla.events.Event;

/**
 * Why a release is reconciled and how the events it leads to are told: what asked, the rendering it takes (from the
 * topic, or the one already kept), and how an event is wrapped for the applied topic (with the correlation id of
 * the rendering that caused it, or a new one).
 */
public record Cause(Trigger trigger, Taken taken, Function<Event, String> encode) {
}
