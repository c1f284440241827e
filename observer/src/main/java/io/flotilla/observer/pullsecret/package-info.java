/**
 * Each cluster's pull secrets as registry-secrets last synced them ({@code PullSecretsSynced} on the pullsecrets
 * topic): coverage per pull secret, the seed's digest, a rotation's stale namespaces and errors, never a value. Kept
 * while the cluster is registered, for {@code /api/clusters} and the cluster cards.
 */
package io.flotilla.observer.pullsecret;
