package io.flotilla.applier.reconcile;

import java.util.Optional;

import io.flotilla.applier.apply.ApplyReport;
import io.flotilla.applier.release.DesiredRelease;

/** What an action came to, and the revision it rolled back to when it remedied a failure that way. */
public record ActionResult(ApplyReport report, Optional<Rollback> rollback) {

    public ActionResult(ApplyReport report) {
        this(report, Optional.empty());
    }

    /**
     * The objects of revision {@code toRevision} ({@code restored}), on the cluster again after {@code failure}, the
     * upgrade that failed for good; {@code rollback} is what applying them did, its rollback hooks among it.
     */
    public record Rollback(int toRevision, DesiredRelease restored, ApplyReport failure, ApplyReport rollback) {
    }
}
