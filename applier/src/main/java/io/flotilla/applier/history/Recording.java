package io.flotilla.applier.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.flotilla.events.DriftMode;

/**
 * What {@link ReleaseHistory#record} writes in one transaction: the attempt as the release's next revision, the
 * rendering it came from, when the release is reconciled next, and the event that tells of the revision (the
 * outbox), so that a revision is never recorded without its event.
 *
 * @param readyObjects  the rendered objects, kept when the attempt was Ready, to roll back and correct drift to
 * @param setsDriftMode whether the attempt applied the release, so that its {@code driftMode} (null: the fleet's
 *                      default) becomes the release's
 * @param taken         the rendering the attempt came from
 * @param maxHistory    revisions kept; older ones are deleted, except the last Ready one; 0 keeps them all
 * @param nextReconcile when the release is reconciled again though nothing asks; null for never
 * @param announcement  the event of the revision, encoded for the applied topic
 * @param traceparent   the W3C trace context the revision was recorded in, for its event; may be null
 */
public record Recording(Attempt attempt, List<Map<String, Object>> readyObjects, boolean setsDriftMode,
        DriftMode driftMode, Taken taken, int maxHistory, Instant nextReconcile,
        Function<Revision, String> announcement, String traceparent) {
}
