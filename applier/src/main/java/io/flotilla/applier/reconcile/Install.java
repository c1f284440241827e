package io.flotilla.applier.reconcile;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.flotilla.applier.apply.ClusterApply;
import io.flotilla.applier.hook.HookPhase;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.ObjectRef;

/**
 * Installs a release: applies its objects with the install hooks, tried again as often as
 * {@code spec.install.remediation.retries} allows. There is nothing to roll back to. A release that Helm (or Helm
 * Operator, or helm-controller) installed before Flotilla first applies it is taken over where it is: its next Helm
 * revision, with the upgrade hooks, not the install ones; and, as {@code helm upgrade} would, the objects of Helm's
 * deployed revision that the rendering no longer has are pruned, those the release owns only.
 */
public final class Install implements ReleaseAction {

    private final HealthyApply apply;
    private final Function<DesiredRelease, Optional<List<ObjectRef>>> deployedByHelm;

    /**
     * @param deployedByHelm the objects of the release's deployed Helm revision on its cluster; empty when it has
     *                       none
     */
    public Install(ClusterApply cluster, Function<DesiredRelease, Optional<List<ObjectRef>>> deployedByHelm) {
        this.apply = new HealthyApply(cluster);
        this.deployedByHelm = deployedByHelm;
    }

    @Override
    public ActionResult reconcile(ActionRequest request) {
        Optional<List<ObjectRef>> deployed = deployedByHelm.apply(request.desired());
        HookPhase phase = deployed.isPresent() ? HookPhase.UPGRADE : HookPhase.INSTALL;
        ActionRequest install = deployed.map(request::alsoHaving).orElse(request);
        HealthyApply.Tries tries = apply.withRetries(install, phase, name(),
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
