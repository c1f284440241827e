package io.flotilla.observer.release;

import java.time.Instant;

import io.flotilla.events.Outcome;

/**
 * One release as the API shows it; {@code status} is the outcome of its latest revision (an {@link Outcome} name:
 * {@code Ready}, {@code Failed}, {@code Progressing}...), {@code message} its error.
 *
 * @param reconciledAt     when the applier last reconciled it (a reconcile that changed nothing, or a revision
 *                         applied); null while the observer has seen neither
 * @param reconcileTrigger what asked for that reconcile ({@code interval}, {@code retry}, {@code request},
 *                         {@code cluster}); null when it was a revision applied
 * @param reconcileMessage what that reconcile found; null when it was a revision applied
 * @param tenant           the tenant whose folder declares it; null for a release of the platform team
 */
public record ReleaseView(String cluster, String namespace, String name, int revision, String status, String chart,
        String chartVersion, String sourceSha, Instant appliedAt, String message, Instant reconciledAt,
        String reconcileTrigger, String reconcileMessage, String tenant) {
}
