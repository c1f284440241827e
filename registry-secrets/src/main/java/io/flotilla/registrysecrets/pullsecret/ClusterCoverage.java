package io.flotilla.registrysecrets.pullsecret;

import java.time.Instant;
import java.util.List;

/**
 * The pull secrets of one cluster after a sync: one {@link PullSecretCoverage} per {@code ClusterPullSecret}, when
 * the sync ended, and the error that kept the cluster from being synced at all (unreachable, for one).
 *
 * @param error null when the cluster answered
 */
public record ClusterCoverage(String cluster, Instant lastSync, List<PullSecretCoverage> pullSecrets, String error) {
}
