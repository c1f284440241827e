package io.flotilla.applier.reconcile;

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
    CLUSTER("cluster");

    private final String wire;

    Trigger(String wire) {
        this.wire = wire;
    }

    /** The name {@code ReleaseReconciled} carries. */
    public String wire() {
        return wire;
    }

    /** Whether the rendering is the one already taken, and the cluster is read to see if it drifted from it. */
    public boolean rereads() {
        return this != RENDERING;
    }
}
