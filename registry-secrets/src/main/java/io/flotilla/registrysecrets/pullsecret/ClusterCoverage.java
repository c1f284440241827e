package io.flotilla.registrysecrets.pullsecret;

import java.time.Instant;
import java.util.List;

/**
 * The pull secrets of one cluster after a sync: one {@link PullSecretCoverage} per {@code ClusterPullSecret}, when
 * the sync ended, the namespaces where copies of a removed {@code ClusterPullSecret} could not be removed yet, and
 * the error that kept the cluster from being synced at all (unreachable, for one).
 *
 * @param error null when the cluster answered
 */
public record ClusterCoverage(String cluster, Instant lastSync, List<PullSecretCoverage> pullSecrets,
        List<String> removalErrors, String error) {
}
