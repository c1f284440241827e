package io.flotilla.applier.reconcile;

import java.util.Optional;

import io.flotilla.applier.history.ReleaseState;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.DriftMode;
import io.flotilla.events.Outcome;

/**
 * What comes next for a release, decided from where it stands and what is desired, and nothing else: as
 * helm-controller's {@code state.go}. Install or upgrade is decided here and only here; the {@link ReleaseAction}
 * of each is found by {@code ReleaseReconciler}.
 */
public enum NextAction {
    /** The same inputs were already applied Ready, or nothing is left to undo: a replay changes nothing. */
    NOTHING,
    /** The release could not be rendered: its failure is recorded and the cluster is left alone. */
    RECORD_RENDER_FAILURE,
    /** The release is suspended ({@code spec.suspend}): nothing is applied, its status says so. */
    SUSPEND,
    /** The release left Git, or no longer targets the cluster: its objects are deleted. */
    UNINSTALL,
    /** No inputs of the release were ever applied Ready, or it was uninstalled last: it is installed. */
    INSTALL,
    /** Other inputs were applied Ready before (it may have failed since), and it was not uninstalled last. */
    UPGRADE;

    public static NextAction after(Optional<ReleaseState> current, DesiredRelease desired) {
        if (desired.removed()) {
            boolean installed = current.filter(state -> state.status() != Outcome.Uninstalled).isPresent();
            return installed ? UNINSTALL : NOTHING;
        }
        if (desired.failed()) {
            return RECORD_RENDER_FAILURE;
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
            return NOTHING;
        }
        boolean wasReady = current.filter(state -> state.readyInputDigest() != null)
                .filter(state -> state.status() != Outcome.Uninstalled).isPresent();
        return wasReady ? UPGRADE : INSTALL;
    }

    /**
     * Whether drift found on the release is corrected, as its drift detection mode {@code enabled} asks of a Ready
     * release, rather than only reported.
     */
    public static boolean correctsDrift(Optional<ReleaseState> current) {
        return current.filter(state -> state.driftMode() == DriftMode.ENABLED)
                .filter(state -> state.status() == Outcome.Ready).isPresent();
    }
}
