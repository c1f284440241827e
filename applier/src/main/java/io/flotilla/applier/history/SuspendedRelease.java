package io.flotilla.applier.history;

import io.flotilla.events.ReleaseKey;

/** A release and its suspension by hand, as {@code GET /api/suspensions} lists them. */
public record SuspendedRelease(ReleaseKey release, Suspension suspension) {
}
