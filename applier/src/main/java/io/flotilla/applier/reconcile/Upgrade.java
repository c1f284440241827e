package io.flotilla.applier.reconcile;

import io.flotilla.applier.apply.ClusterApply;
import io.flotilla.applier.hook.HookPhase;

/**
 * Upgrades a release that was Ready: applies its new objects with the upgrade hooks, tried again as often as
 * {@code spec.upgrade.remediation.retries} allows; when those tries are spent, the remediation takes over.
 */
public final class Upgrade implements ReleaseAction {

    private final HealthyApply apply;
    private final ReleaseAction remediation;

    public Upgrade(ClusterApply cluster, ReleaseAction remediation) {
        this.apply = new HealthyApply(cluster);
        this.remediation = remediation;
    }

    @Override
    public ActionResult reconcile(ActionRequest request) {
        HealthyApply.Tries tries = apply.withRetries(request, HookPhase.UPGRADE, name(),
                request.desired().options().upgradeRetries());
        if (!tries.spent()) {
            return new ActionResult(tries.last());
        }
        return remediation.reconcile(request.remedying(tries.failure()));
    }

    @Override
    public String name() {
        return "upgrade";
    }

    @Override
    public ActionType type() {
        return ActionType.APPLY;
    }
}
