package io.flotilla.applier.reconcile;

import io.flotilla.applier.apply.ApplyReport;
import io.flotilla.applier.apply.ClusterApply;
import io.flotilla.applier.hook.HookPhase;
import io.flotilla.events.Outcome;

/**
 * A rollback asked for by hand ({@code flotilla rollback <release> <revision>}), as {@code helm rollback}: the
 * objects an earlier Ready revision recorded applied again, with their {@code pre-rollback} and
 * {@code post-rollback} hooks, pruning what the release has that they lack: {@code Ready}, "Rollback to N".
 */
public final class RollbackTo implements ReleaseAction {

    private final HealthyApply apply;
    private final int target;

    /** @param target the revision rolled back to */
    public RollbackTo(ClusterApply cluster, int target) {
        this.apply = new HealthyApply(cluster);
        this.target = target;
    }

    /** @param request a request whose desired release has the objects of the revision rolled back to */
    @Override
    public ActionResult reconcile(ActionRequest request) {
        ApplyReport rollback = apply.once(request, request.desired(), HookPhase.ROLLBACK);
        if (rollback.outcome() != Outcome.Ready) {
            return new ActionResult(new ApplyReport(rollback.outcome(), rollback.objects(),
                    "Rollback to " + target + " failed: " + rollback.error()));
        }
        return new ActionResult(new ApplyReport(Outcome.Ready, rollback.objects(), "Rollback to " + target
                + (rollback.error() == null ? "" : "; " + rollback.error())));
    }

    @Override
    public String name() {
        return "rollback to " + target;
    }

    @Override
    public ActionType type() {
        return ActionType.APPLY;
    }
}
