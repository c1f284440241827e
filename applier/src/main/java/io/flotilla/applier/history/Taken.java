package io.flotilla.applier.history;

/**
 * A rendering the applier took as what a release is to be: its commit order and its envelope as it came from the
 * rendered topic. {@code envelope} is null when the rendering is the one already kept (a reconcile on an interval).
 */
public record Taken(long commitOrder, String envelope) {
}
