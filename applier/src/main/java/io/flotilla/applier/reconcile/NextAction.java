package io.flotilla.applier.reconcile;

import java.util.Objects;
import java.util.Optional;

import io.flotilla.applier.history.ReleaseState;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.applier.rollout.PreviousWave;
import io.flotilla.applier.rollout.WaveGate;
import io.flotilla.events.DriftMode;
import io.flotilla.events.Outcome;

/**
 * What comes next for a release, decided from where it stands, what is desired and what asked, and nothing else:
 * as helm-controller's {@code state.go}. Install or upgrade is decided here and only here; the
 * {@link ReleaseAction} of each is found by {@code ReleaseReconciler}.
 */
public enum NextAction {
    /**
     * Nothing to do: the rendering is older than one taken, or a replay of the current revision's, or its inputs
     * were already applied Ready, or nothing is left to undo.
     */
    NOTHING,
    /**
     * The inputs were applied Ready and nothing new came, but the release is reconciled on its interval (or asked
     * for): its objects are read on the cluster, and applied again if any is gone.
     */
    VERIFY,
    /** The release could not be rendered: its failure is recorded and the cluster is left alone. */
    RECORD_RENDER_FAILURE,
    /**
     * The release is suspended ({@code spec.suspend}, or by hand: {@code flotilla suspend}): nothing is applied, its
     * status says so.
     */
    SUSPEND,
    /** The release left Git, or no longer targets the cluster: its objects are deleted. */
    UNINSTALL,
    /** No inputs of the release were ever applied Ready, or it was uninstalled last: it is installed. */
    INSTALL,
    /** Other inputs were applied Ready before (it may have failed since), and it was not uninstalled last. */
    UPGRADE,
    /**
     * The rendering would be installed or upgraded, but its rollout's wave gate is closed ({@link WaveGate}): it is
     * taken as what the release is to be, held, and looked at again at every reconcile tick.
     */
    HOLD;

    /**
     * The next action for a rendering, its rollout's wave gate decided from {@code previousWave}: where the release
     * stands on the clusters of the wave before.
     */
    public static NextAction after(Optional<ReleaseState> current, DesiredRelease desired, Trigger trigger,
            PreviousWave previousWave) {
        NextAction next = ungated(current, desired, trigger);
        boolean applies = next == INSTALL || next == UPGRADE;
        return applies && !WaveGate.decide(desired, current, previousWave).open() ? HOLD : next;
    }

    private static NextAction ungated(Optional<ReleaseState> current, DesiredRelease desired, Trigger trigger) {
        if (current.filter(state -> olderThanTaken(state, desired) || replayed(state, desired, trigger)).isPresent()) {
            return NOTHING;
        }
        if (current.filter(ReleaseState::suspendedByHand).isPresent() && trigger != Trigger.CLUSTER_REMOVED) {
            return current.get().status() == Outcome.Suspended ? NOTHING : SUSPEND;
        }
        if (desired.removed()) {
            boolean installed = current.filter(state -> state.status() != Outcome.Uninstalled).isPresent();
            return installed ? UNINSTALL : NOTHING;
        }
        if (desired.failed()) {
            boolean recorded = trigger.rereads() && current.filter(state -> state.status() == Outcome.Failed).isPresent();
            return recorded ? NOTHING : RECORD_RENDER_FAILURE;
        }
        if (desired.options().suspend()) {
            boolean alreadySuspended = current.filter(state -> state.status() == Outcome.Suspended).isPresent();
            return alreadySuspended ? NOTHING : SUSPEND;
        }
        boolean alreadyApplied = current
                .filter(state -> state.status() == Outcome.Ready)
                .map(ReleaseState::readyInputDigest)
                .filter(digest -> digest.equals(desired.inputDigest()))
                .isPresent();
        if (alreadyApplied) {
            return trigger.rereads() ? VERIFY : NOTHING;
        }
        boolean wasReady = current.filter(state -> state.readyInputDigest() != null)
                .filter(state -> state.status() != Outcome.Uninstalled).isPresent();
        return wasReady ? UPGRADE : INSTALL;
    }

    /** A rendering of an older commit than the newest taken is never applied over it. */
    private static boolean olderThanTaken(ReleaseState current, DesiredRelease desired) {
        return desired.commitOrder() < current.commitOrder();
    }

    /**
     * The rendering the current revision came from, delivered again (Kafka redelivers after a restart or a
     * rebalance): whatever that revision's outcome, a replay adds no revision; a failure is retried on its own
     * schedule. Only a rendering held while its cluster did not answer is still to be applied.
     */
    private static boolean replayed(ReleaseState current, DesiredRelease desired, Trigger trigger) {
        return trigger == Trigger.RENDERING && current.status() != Outcome.Unreachable && desired.commitOrder() > 0
                && desired.commitOrder() == current.commitOrder()
                && Objects.equals(desired.inputDigest(), current.currentInputDigest());
    }

    /**
     * Whether drift found on the release is corrected rather than only reported: its drift detection mode is
     * {@code enabled}, or it names none and the fleet's default ({@code fleetDefault}) is {@code enabled}; and the
     * release is Ready and not suspended by hand.
     */
    public static boolean correctsDrift(Optional<ReleaseState> current, DriftMode fleetDefault) {
        return current.filter(state -> state.status() == Outcome.Ready && !state.suspendedByHand())
                .map(state -> state.driftMode() == null ? fleetDefault : state.driftMode())
                .filter(mode -> mode == DriftMode.ENABLED).isPresent();
    }
}
