package io.flotilla.events;

import java.time.Instant;
import java.util.List;

/**
 * The pull secrets of one cluster after a sync, as registry-secrets found them: one {@link Coverage} per
 * {@code ClusterPullSecret} or fleet seed, never a secret's value (digests only).
 *
 * @param removalErrors namespaces where copies of a removed {@code ClusterPullSecret} could not be removed yet
 * @param error         what kept the cluster from being synced at all (unreachable, for one); null when it answered
 */
public record PullSecretsSynced(String cluster, Instant syncedAt, List<Coverage> pullSecrets,
        List<String> removalErrors, String error) implements Event {

    public PullSecretsSynced {
        pullSecrets = pullSecrets == null ? List.of() : List.copyOf(pullSecrets);
        removalErrors = removalErrors == null ? List.of() : List.copyOf(removalErrors);
    }

    @Override
    public String key() {
        return cluster;
    }

    /**
     * How far one pull secret reaches on the cluster: namespaces whose copy carries the seed's digest and whose
     * {@code default} ServiceAccount lists it, out of all namespaces it should be in; opted-out and excluded
     * namespaces are not counted.
     *
     * @param seed       {@code namespace/name} of the seed Secret, or the fleet seed's name
     * @param seedDigest the seed's digest (never its value); null when the seed could not be used
     * @param stale      namespaces whose copy still carries another digest (a rotation in progress)
     */
    public record Coverage(String name, String seed, String seedDigest, int namespacesCovered, int namespacesTotal,
            List<String> stale, List<String> errors) {

        public Coverage {
            stale = stale == null ? List.of() : List.copyOf(stale);
            errors = errors == null ? List.of() : List.copyOf(errors);
        }
    }
}
