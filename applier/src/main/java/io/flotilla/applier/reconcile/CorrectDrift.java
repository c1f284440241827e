package io.flotilla.applier.reconcile;

import io.flotilla.applier.apply.ClusterApply;
import io.flotilla.applier.hook.HookPhase;
import io.flotilla.applier.release.DesiredRelease;

/**
 * Applies drifted objects again as their Ready revision rendered them: only those objects, nothing pruned, no
 * health wait, no retry; the revision stays what it is.
 */
public final class CorrectDrift implements ReleaseAction {

    private final ClusterApply cluster;

    public CorrectDrift(ClusterApply cluster) {
        this.cluster = cluster;
    }

    /** @param request the drifted objects ({@link DesiredRelease#restoring}), with nothing in the inventory */
    @Override
    public ActionResult reconcile(ActionRequest request) {
        return new ActionResult(cluster.apply(request.desired(), request.inventory(), HookPhase.INSTALL));
    }

    @Override
    public String name() {
        return "correct-drift";
    }

    @Override
    public ActionType type() {
        return ActionType.APPLY;
    }
}
