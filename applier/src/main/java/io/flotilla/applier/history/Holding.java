package io.flotilla.applier.history;

import java.util.function.Function;

/**
 * What {@link ReleaseHistory#hold} writes in one transaction: the rendering taken as what the release is to be (newest
 * wins), the hold it waits in, and, when the hold changed, its {@code RolloutHeld} event in the outbox.
 *
 * @param announcement the hold's event, encoded for the applied topic
 * @param traceparent  the W3C trace context the hold was recorded in; may be null
 */
public record Holding(Hold hold, Taken taken, Function<Hold, String> announcement, String traceparent) {
}
