package io.flotilla.observer.pullsecret;

import java.time.Instant;
import java.util.List;

import io.flotilla.events.PullSecretsSynced;

/**
 * A cluster's pull secrets as {@code /api/clusters} shows them: per pull secret the namespaces covered out of all it
 * should be in, the seed's digest, the namespaces whose copy still carries another digest (a rotation in progress)
 * and the namespaces that refused it; when the cluster was last synced and what kept it from being synced.
 *
 * @param error what kept the cluster from being synced at all; null when it answered
 */
public record PullSecretsView(Instant syncedAt, String error, List<PullSecretsSynced.Coverage> pullSecrets,
        List<String> removalErrors) {

    static PullSecretsView of(PullSecretsSynced synced) {
        return new PullSecretsView(synced.syncedAt(), synced.error(), synced.pullSecrets(), synced.removalErrors());
    }

    /** How many errors a person should look at: the sync's own, each namespace refused, each removal not done. */
    public int errorCount() {
        return (error == null ? 0 : 1) + removalErrors.size()
                + pullSecrets.stream().mapToInt(coverage -> coverage.errors().size()).sum();
    }
}
