package io.flotilla.registrysecrets.pullsecret;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.flotilla.events.PullSecretsSynced;

/**
 * One cluster's pull secrets as the API shows them: what the pullsecrets topic says ({@link PullSecretsSynced}:
 * each pull secret's coverage, the namespaces a rotation has not reached yet, the errors) and, for the people
 * reading the API, the namespaces left out on that cluster, by their annotation or by configuration. Neither kind is
 * counted in any pull secret's total.
 */
public record ClusterCoverage(@JsonUnwrapped PullSecretsSynced synced, List<String> namespacesOptedOut,
        List<String> namespacesExcluded) {

    public ClusterCoverage {
        namespacesOptedOut = List.copyOf(namespacesOptedOut);
        namespacesExcluded = List.copyOf(namespacesExcluded);
    }

    /** A cluster never synced, with the reason. */
    public static ClusterCoverage unsynced(String cluster, String error) {
        return new ClusterCoverage(new PullSecretsSynced(cluster, null, List.of(), List.of(), error), List.of(),
                List.of());
    }

    public String cluster() {
        return synced.cluster();
    }

    /** The same coverage, as of its last sync, the cluster not synced this time for {@code error}. */
    public ClusterCoverage withError(String error) {
        return new ClusterCoverage(new PullSecretsSynced(synced.cluster(), synced.syncedAt(), synced.pullSecrets(),
                synced.removalErrors(), error), namespacesOptedOut, namespacesExcluded);
    }
}
