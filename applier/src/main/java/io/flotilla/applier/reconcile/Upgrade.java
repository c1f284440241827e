package io.flotilla.applier.reconcile;

import io.flotilla.applier.apply.ApplyReport;
import io.flotilla.applier.apply.ClusterApply;
import io.flotilla.applier.hook.HookPhase;
import io.flotilla.events.Outcome;

/**
 * Upgrades a release that was Ready: applies its new objects with the upgrade hooks, tried again as often as
 * {@code spec.upgrade.remediation.retries} allows. When the last try failed, the remediation takes over if the release
 * remedies its last failure ({@code spec.upgrade.remediation.remediateLastFailure}, true with retries as in Flux;
 * Flux v1's {@code rollback.enable}, then without retries: one try, rolled back once); otherwise the failure stands.
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
        if (tries.last().outcome() != Outcome.Failed) {
            return new ActionResult(tries.last());
        }
        ApplyReport failure = tries.spent() ? tries.failure() : tries.last();
        return request.desired().options().remediateLastFailure()
                ? remediation.reconcile(request.remedying(failure))
                : new ActionResult(failure);
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
