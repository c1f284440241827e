package io.flotilla.applier.reconcile;

import io.flotilla.applier.apply.ClusterApply;
import io.flotilla.applier.hook.HookPhase;

/**
 * Installs a release: applies its objects with the install hooks, tried again as often as
 * {@code spec.install.remediation.retries} allows. There is nothing to roll back to.
 */
public final class Install implements ReleaseAction {

    private final HealthyApply apply;

    public Install(ClusterApply cluster) {
        this.apply = new HealthyApply(cluster);
    }

    @Override
    public ActionResult reconcile(ActionRequest request) {
        HealthyApply.Tries tries = apply.withRetries(request, HookPhase.INSTALL, name(),
                request.desired().options().installRetries());
        return new ActionResult(tries.spent() ? tries.failure() : tries.last());
    }

    @Override
    public String name() {
        return "install";
    }

    @Override
    public ActionType type() {
        return ActionType.APPLY;
    }
}
