package io.flotilla.applier.reconcile;

/**
 * One thing done to a release, in a class of its own, as helm-controller's action reconcilers: {@link NextAction}
 * decides which one runs, the action does it and says what came of it. A new action implements this, gets a value in
 * {@link NextAction} and its place in {@code ReleaseReconciler}'s table.
 */
public interface ReleaseAction {

    /** Does the action; never throws for anything a release or a cluster can cause. */
    ActionResult reconcile(ActionRequest request);

    /** The action's name as a user reads it in logs and errors: {@code install}, {@code upgrade}... */
    String name();

    /** What the action does to the cluster, which decides what is recorded of it. */
    ActionType type();
}
