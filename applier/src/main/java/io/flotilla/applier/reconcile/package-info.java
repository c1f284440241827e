/**
 * The applier's decisions and actions, after Flux's helm-controller: {@link io.flotilla.applier.reconcile.NextAction}
 * decides from the stored state and the {@link io.flotilla.applier.release.DesiredRelease} which action comes
 * next, and each action (install, upgrade, rollback remediation, uninstall, drift correction, suspend) is a class of
 * its own; {@link io.flotilla.applier.reconcile.RenderedReleases} and
 * {@link io.flotilla.applier.reconcile.DriftCorrections} bring what Kafka delivers to them, waiting for
 * {@code dependsOn} and for clusters that do not answer. A new action implements
 * {@link io.flotilla.applier.reconcile.ReleaseAction}, gets a value in {@code NextAction} and its place in
 * {@code ReleaseReconciler}'s table.
 */
package io.flotilla.applier.reconcile;
