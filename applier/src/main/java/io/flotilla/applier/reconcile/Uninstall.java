package io.flotilla.applier.reconcile;

import io.flotilla.applier.apply.ClusterApply;

/** Uninstalls a release gone from Git, or no longer targeting its cluster: deletes what it has there. */
public final class Uninstall implements ReleaseAction {

    private final ClusterApply cluster;

    public Uninstall(ClusterApply cluster) {
        this.cluster = cluster;
    }

    @Override
    public ActionResult reconcile(ActionRequest request) {
        return new ActionResult(cluster.uninstall(request.desired().release(), request.inventory()));
    }

    @Override
    public String name() {
        return "uninstall";
    }

    @Override
    public ActionType type() {
        return ActionType.DELETE;
    }
}
