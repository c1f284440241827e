package io.flotilla.applier.reconcile;

import java.util.Optional;

import org.jboss.logging.Logger;

import io.flotilla.applier.history.ReleaseHistory;
import io.flotilla.applier.history.ReleaseState;
import io.flotilla.applier.history.Taken;
import io.flotilla.applier.queue.Ran;
import io.flotilla.applier.queue.Work;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseKey;

/**
 * A release uninstalled because its cluster left the fleet asking for it: the rendering kept is withdrawn, and
 * {@link NextAction} decides as for a release gone from Git ({@code UNINSTALL}, with the ownership rules of any
 * uninstall: only what the release created is deleted). Its revision and event are recorded as any other. While the
 * cluster does not answer it is held and tried again; {@code done} runs once it is settled, uninstalled or nothing to
 * uninstall, so that the cluster's client is closed after the last of them.
 */
final class ClusterRemovalWork implements Work {

    private static final Logger LOG = Logger.getLogger(ClusterRemovalWork.class);

    private final ReleaseKey release;
    private final ReconcileSchedule schedule;
    private final ReleaseHistory history;
    private final ReleaseReconciler reconciler;
    private final Runnable done;
    private boolean reportedUnreachable;
    private boolean settled;

    ClusterRemovalWork(ReleaseKey release, ReconcileSchedule schedule, ReleaseHistory history,
            ReleaseReconciler reconciler, Runnable done) {
        this.release = release;
        this.schedule = schedule;
        this.history = history;
        this.reconciler = reconciler;
        this.done = done;
    }

    @Override
    public ReleaseKey release() {
        return release;
    }

    /** Nothing replaces an uninstall asked for by the fleet, and it replaces nothing. */
    @Override
    public boolean replaces(Work other) {
        return false;
    }

    @Override
    public Ran run() {
        return Faults.guarded(release, () -> {
            Optional<ReleaseState> state = history.state(release);
            Optional<String> kept = history.desired(release);
            boolean installed = state.filter(current -> current.currentRevision() > 0
                    && current.status() != Outcome.Uninstalled).isPresent();
            if (!installed || kept.isEmpty()) {
                settle();
                return Ran.FINISHED;
            }
            DesiredRelease desired = DesiredRelease.decode(kept.get())
                    .withdrawn();
            Cause cause = new Cause(Trigger.CLUSTER_REMOVED, new Taken(desired.commitOrder(), null),
                    schedule::encode);
            Reconciled reconciled = reconciler.reconcile(desired, cause, schedule::tell, !reportedUnreachable);
            if (reconciled.unreachable()) {
                reportedUnreachable = true;
                return Ran.unreachable(reconciled.revision().orElseThrow().error());
            }
            settle();
            return Ran.FINISHED;
        });
    }

    @Override
    public Ran runWhileUnreachable(String reason) {
        return Ran.unreachable(reason);
    }

    @Override
    public void drop() {
        settle();
    }

    @Override
    public void fail(Throwable failure) {
        LOG.errorf("%s: cannot be uninstalled from its cluster, which left the fleet: %s", release,
                failure.getMessage());
        settle();
    }

    private void settle() {
        if (!settled) {
            settled = true;
            done.run();
        }
    }
}
