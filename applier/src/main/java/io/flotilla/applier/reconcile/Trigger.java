package io.flotilla.applier.reconcile;

import java.util.Optional;

import io.flotilla.applier.history.ReleaseState;
import io.flotilla.events.Outcome;

/**
 * What asked for a release to be reconciled. A rendering that comes is acted on only if it is news; the others
 * reconcile the rendering already taken, and read the cluster to find out whether it still is as it was left.
 */
public enum Trigger {
    /** A rendering came on the rendered topic. */
    RENDERING("rendering"),
    /** The release's interval passed ({@code spec.interval}, or the fleet's default). */
    INTERVAL("interval"),
    /** The release failed, and its retry after a backoff is due. */
    RETRY("retry"),
    /** Someone asked, through the API or the CLI. */
    REQUEST("request"),
    /** Its cluster answers again after it did not, or it was registered again. */
    CLUSTER("cluster"),
    /** Its cluster left the fleet asking that what Flotilla deployed there be uninstalled. */
    CLUSTER_REMOVED("cluster-removed");

    private final String wire;

    Trigger(String wire) {
        this.wire = wire;
    }

    /** The name {@code ReleaseReconciled} carries. */
    public String wire() {
        return wire;
    }

    /**
     * What asked, as the release's state shows it: a release due on its interval that failed, or found its cluster
     * away, last is due for a retry.
     */
    public Trigger seenAs(Optional<ReleaseState> current) {
        boolean failed = current.filter(state -> state.status() == Outcome.Failed
                || state.status() == Outcome.Unreachable).isPresent();
        return this == INTERVAL && failed ? RETRY : this;
    }

    /** Whether the rendering is the one already taken, and the cluster is read to see if it drifted from it. */
    public boolean rereads() {
        return this != RENDERING;
    }
}
