package io.flotilla.applier.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.flotilla.applier.apply.ApplyReport;
import io.flotilla.applier.apply.ClusterApply;
import io.flotilla.applier.history.ReadyRevisions;
import io.flotilla.applier.hook.HookPhase;
import io.flotilla.applier.prune.PruneSet;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;

/**
 * Uninstalls a release gone from Git, or no longer targeting its cluster: deletes what it has there, between the
 * {@code pre-delete} and {@code post-delete} hooks of its last Ready revision, as {@code helm uninstall} does. A
 * {@code pre-delete} hook that fails stops the uninstall (Failed, nothing deleted, tried again later); one of
 * {@code post-delete} that fails is told in the message of an uninstall that is done.
 */
public final class Uninstall implements ReleaseAction {

    private final ClusterApply cluster;
    private final ReadyRevisions revisions;

    public Uninstall(ClusterApply cluster, ReadyRevisions revisions) {
        this.cluster = cluster;
        this.revisions = revisions;
    }

    @Override
    public ActionResult reconcile(ActionRequest request) {
        Optional<DesiredRelease> withHooks = revisions.lastReady(request.desired().release())
                .map(ready -> request.desired().withObjects(ready.rendered()));
        List<ObjectResult> hooksRun = new ArrayList<>();
        if (withHooks.isPresent()) {
            ApplyReport before = cluster.runHooks(withHooks.get(), HookPhase.DELETE.before());
            if (before.outcome() != Outcome.Ready) {
                return new ActionResult(before);
            }
            hooksRun.addAll(before.objects());
        }
        ApplyReport uninstalled = cluster.uninstall(request.desired().release(),
                PruneSet.onUninstall(request.desired().options(), request.inventory()));
        List<ObjectResult> results = new ArrayList<>(hooksRun);
        results.addAll(uninstalled.objects());
        if (uninstalled.outcome() != Outcome.Uninstalled || withHooks.isEmpty()) {
            return new ActionResult(new ApplyReport(uninstalled.outcome(), results, uninstalled.error()));
        }
        ApplyReport after = cluster.runHooks(withHooks.get(), HookPhase.DELETE.after());
        results.addAll(after.objects());
        String message = after.outcome() == Outcome.Ready ? uninstalled.error()
                : join(uninstalled.error(), "uninstalled, but " + after.error());
        return new ActionResult(new ApplyReport(Outcome.Uninstalled, results, message));
    }

    private static String join(String notes, String more) {
        return notes == null ? more : notes + "; " + more;
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
