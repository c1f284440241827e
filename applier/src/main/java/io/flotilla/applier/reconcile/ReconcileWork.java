package io.flotilla.applier.reconcile;

import java.util.Optional;

import org.jboss.logging.Logger;

import io.flotilla.applier.history.ReleaseHistory;
import io.flotilla.applier.history.Taken;
import io.flotilla.applier.queue.Ran;
import io.flotilla.applier.queue.Work;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;

/**
 * A release reconciled though no rendering came (its interval, a retry, a request, its cluster back): the
 * rendering it took last is read from the history and reconciled again, which reads the cluster and writes only
 * what is gone or failed. No record waits on it, so there is nothing to acknowledge.
 */
final class ReconcileWork implements Work {

    private static final Logger LOG = Logger.getLogger(ReconcileWork.class);

    private final ReleaseKey release;
    private final Trigger asked;
    private final ReconcileSchedule schedule;
    private final ReleaseHistory history;
    private final ReleaseReconciler reconciler;

    ReconcileWork(ReleaseKey release, Trigger asked, ReconcileSchedule schedule, ReleaseHistory history,
            ReleaseReconciler reconciler) {
        this.release = release;
        this.asked = asked;
        this.schedule = schedule;
        this.history = history;
        this.reconciler = reconciler;
    }

    @Override
    public ReleaseKey release() {
        return release;
    }

    /**
     * One reconcile queued for a release is enough, whatever asked for it; but a request (through the API) is never
     * let go for one queued on a schedule, so that whoever asked hears of it.
     */
    @Override
    public boolean replaces(Work other) {
        return other instanceof ReconcileWork queued && (asked == Trigger.REQUEST || queued.asked != Trigger.REQUEST);
    }

    @Override
    public Ran run() {
        return Faults.guarded(release, () -> {
            Optional<String> kept = history.desired(release);
            if (kept.isEmpty()) {
                return Ran.FINISHED;
            }
            Envelope<ReleaseRendered> rendering = EventCodec.decode(kept.get(), ReleaseRendered.class);
            DesiredRelease desired = DesiredRelease.of(rendering.payload());
            if (!reconciler.unreadyDependencies(desired, asked).isEmpty()) {
                schedule.postpone(desired);
                return Ran.FINISHED;
            }
            Cause cause = new Cause(asked, new Taken(desired.commitOrder(), null), schedule::encode);
            Reconciled reconciled = reconciler.reconcile(desired, cause, schedule::tell, true);
            reconciled.unchanged().ifPresent(schedule::tell);
            if (reconciled.unreachable()) {
                return Ran.unreachable(reconciled.revision().orElseThrow().error());
            }
            if (reconciled.ready()) {
                schedule.readied(release);
            }
            return Ran.FINISHED;
        });
    }

    @Override
    public Ran runWhileUnreachable(String reason) {
        return Ran.unreachable(reason);
    }

    @Override
    public void drop() {
        LOG.debugf("%s: reconcile (%s) left to the one queued before it", release, asked.wire());
    }

    @Override
    public void fail(Throwable failure) {
        LOG.errorf("%s: cannot be reconciled from the rendering kept: %s", release, failure.getMessage());
    }
}
