package io.flotilla.registrysecrets.pullsecret;

import java.util.List;

/**
 * How far one {@code ClusterPullSecret} reaches on one cluster: namespaces whose copy carries the seed's digest and
 * whose {@code default} ServiceAccount lists it, out of all namespaces; those opted out by their annotation and those
 * excluded by {@code flotilla.pull-secrets.exclude-namespaces}, neither counted in the total; the seed's digest
 * (never its value); and what went wrong, one message per problem.
 *
 * @param seedDigest null when the seed could not be used
 */
public record PullSecretCoverage(String name, String seed, String seedDigest, int namespacesCovered,
        int namespacesTotal, List<String> namespacesOptedOut, List<String> namespacesExcluded, List<String> errors) {
}
