package io.flotilla.events;

import java.time.Instant;

/**
 * A release was reconciled without a new revision: its cluster was read and found as its current revision left
 * it, or it was left waiting. The observer shows when each release was last reconciled from these; a reconcile
 * that changed something publishes a {@link ReleaseApplied} instead.
 *
 * @param revision     the release's current revision, unchanged by the reconcile
 * @param outcome      the current revision's outcome
 * @param trigger      what asked for the reconcile: {@code interval}, {@code retry}, {@code request} or
 *                     {@code cluster}
 * @param message      what the reconcile found, for people
 */
public record ReleaseReconciled(
        ReleaseKey release,
        int revision,
        Outcome outcome,
        String trigger,
        Instant reconciledAt,
        String message) implements Event {

    @Override
    public String key() {
        return release.toString();
    }
}
