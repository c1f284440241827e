package io.flotilla.applier.reconcile;

import java.util.Optional;

import io.flotilla.applier.apply.ApplyReport;
import io.flotilla.applier.apply.ClusterApply;
import io.flotilla.applier.history.ReadyRevision;
import io.flotilla.applier.history.ReadyRevisions;
import io.flotilla.applier.hook.HookPhase;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.Outcome;

/**
 * Remedies an upgrade that failed for good by rolling back to the objects of the last Ready revision, with that
 * revision's {@code pre-rollback} and {@code post-rollback} hooks, as {@code helm rollback} does: {@code RolledBack},
 * with the failure's reason. Without a Ready revision to go back to, the failure stands.
 */
public final class RollbackRemediation implements ReleaseAction {

    private final HealthyApply apply;
    private final ReadyRevisions revisions;

    public RollbackRemediation(ClusterApply cluster, ReadyRevisions revisions) {
        this.apply = new HealthyApply(cluster);
        this.revisions = revisions;
    }

    /** @param request a request {@link ActionRequest#remedying} the failure */
    @Override
    public ActionResult reconcile(ActionRequest request) {
        ApplyReport failure = request.failed();
        Optional<ReadyRevision> lastReady = revisions.lastReady(request.desired().release());
        if (lastReady.isEmpty()) {
            return new ActionResult(failure);
        }
        int target = lastReady.get().number();
        DesiredRelease previous = request.desired().withObjects(lastReady.get().rendered());
        ApplyReport rollback = apply.once(request, previous, HookPhase.ROLLBACK);
        if (rollback.outcome() != Outcome.Ready) {
            return new ActionResult(ApplyReport.failed(failure.error() + "; the rollback to revision " + target
                    + " failed too: " + rollback.error(), rollback.objects()));
        }
        return new ActionResult(new ApplyReport(Outcome.RolledBack, rollback.objects(),
                failure.error() + "; rolled back to revision " + target),
                Optional.of(new ActionResult.Rollback(target, previous, failure, rollback)));
    }

    @Override
    public String name() {
        return "rollback";
    }

    @Override
    public ActionType type() {
        return ActionType.APPLY;
    }
}
