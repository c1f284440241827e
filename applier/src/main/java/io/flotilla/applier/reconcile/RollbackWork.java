package io.flotilla.applier.reconcile;

import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;

import io.flotilla.applier.queue.Ran;
import io.flotilla.applier.queue.Work;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;

/**
 * A rollback asked for through the API, run in the release's turn on its cluster like any other work on it; whoever
 * asked hears the revision it recorded, or why it was refused. It replaces nothing and nothing replaces it.
 */
final class RollbackWork implements Work {

    private static final Logger LOG = Logger.getLogger(RollbackWork.class);

    private final ReleaseKey release;
    private final int target;
    private final ReleaseReconciler reconciler;
    private final ReconcileSchedule schedule;
    private final CompletableFuture<ReleaseApplied> done = new CompletableFuture<>();

    RollbackWork(ReleaseKey release, int target, ReleaseReconciler reconciler, ReconcileSchedule schedule) {
        this.release = release;
        this.target = target;
        this.reconciler = reconciler;
        this.schedule = schedule;
    }

    /** The revision the rollback recorded, or a {@link RollbackRefusedException}. */
    CompletableFuture<ReleaseApplied> done() {
        return done;
    }

    @Override
    public ReleaseKey release() {
        return release;
    }

    @Override
    public boolean replaces(Work other) {
        return false;
    }

    @Override
    public Ran run() {
        return Faults.guarded(release, () -> {
            try {
                ReleaseApplied revision = reconciler.rollback(release, target, schedule::encode);
                if (revision.outcome() == Outcome.Ready) {
                    schedule.readied(release);
                }
                done.complete(revision);
            } catch (RollbackRefusedException e) {
                done.completeExceptionally(e);
            }
            return Ran.FINISHED;
        });
    }

    @Override
    public Ran runWhileUnreachable(String reason) {
        done.completeExceptionally(new RollbackRefusedException("release " + release + " was not rolled back: its"
                + " cluster does not answer (" + reason + ")", false));
        return Ran.FINISHED;
    }

    @Override
    public void drop() {
        done.completeExceptionally(new RollbackRefusedException("the rollback of " + release + " was let go", false));
    }

    @Override
    public void fail(Throwable failure) {
        LOG.errorf("%s: the rollback to revision %d failed: %s", release, target, failure.getMessage());
        done.completeExceptionally(failure);
    }
}
