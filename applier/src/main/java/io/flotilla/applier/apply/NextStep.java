package io.flotilla.applier.apply;

import java.util.Optional;

import io.flotilla.applier.history.ReleaseState;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseRendered;

/** What a rendered release calls for, given where the release stands; deciding apart from acting. */
public enum NextStep {
    /** The same inputs were already applied Ready: a replayed or duplicate event changes nothing. */
    NOTHING,
    /** The release could not be rendered: its failure is recorded and the cluster is left alone. */
    RECORD_RENDER_FAILURE,
    /** The release is suspended ({@code spec.suspend}): nothing is applied, its status says so. */
    SUSPEND,
    /** The release left Git, or no longer targets the cluster: its objects are deleted. */
    UNINSTALL,
    APPLY;

    public static NextStep after(Optional<ReleaseState> current, ReleaseRendered rendered) {
        if (rendered.removed()) {
            boolean installed = current.filter(state -> state.status() != Outcome.Uninstalled).isPresent();
            return installed ? UNINSTALL : NOTHING;
        }
        if (rendered.failed()) {
            return RECORD_RENDER_FAILURE;
        }
        if (rendered.options().suspend()) {
            boolean alreadySuspended = current.filter(state -> state.status() == Outcome.Suspended).isPresent();
            return alreadySuspended ? NOTHING : SUSPEND;
        }
        boolean alreadyApplied = current
                .filter(state -> state.status() == Outcome.Ready)
                .map(ReleaseState::readyInputDigest)
                .filter(digest -> digest != null && digest.equals(rendered.inputDigest()))
                .isPresent();
        return alreadyApplied ? NOTHING : APPLY;
    }
}
