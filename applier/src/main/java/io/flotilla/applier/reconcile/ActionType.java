package io.flotilla.applier.reconcile;

/** What an action does to the release's cluster. */
public enum ActionType {
    /** Applies desired objects (install, upgrade, rollback, drift correction): Helm's records follow. */
    APPLY,
    /** Deletes the release's objects (uninstall): Helm's records go with them. */
    DELETE,
    /** Touches no cluster: only the release's status is recorded (suspended, not rendered). */
    RECORD;

    public boolean needsCluster() {
        return this != RECORD;
    }
}
