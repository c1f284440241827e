package io.flotilla.applier.reconcile;

import java.util.function.Predicate;

import io.flotilla.applier.apply.ClusterApply;
import io.flotilla.applier.hook.HookPhase;
import io.flotilla.applier.release.DesiredRelease;

/**
 * Installs a release: applies its objects with the install hooks, tried again as often as
 * {@code spec.install.remediation.retries} allows. There is nothing to roll back to. A release that Helm (or Helm
 * Operator, or helm-controller) installed before Flotilla first applies it is taken over where it is: its next Helm
 * revision, with the upgrade hooks, not the install ones.
 */
public final class Install implements ReleaseAction {

    private final HealthyApply apply;
    private final Predicate<DesiredRelease> deployedByHelm;

    /** @param deployedByHelm whether the cluster has a deployed Helm revision of the release */
    public Install(ClusterApply cluster, Predicate<DesiredRelease> deployedByHelm) {
        this.apply = new HealthyApply(cluster);
        this.deployedByHelm = deployedByHelm;
    }

    @Override
    public ActionResult reconcile(ActionRequest request) {
        HookPhase phase = deployedByHelm.test(request.desired()) ? HookPhase.UPGRADE : HookPhase.INSTALL;
        HealthyApply.Tries tries = apply.withRetries(request, phase, name(),
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
