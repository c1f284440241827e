/**
 * registry-secrets keeps image pull secrets in every namespace of every cluster (issue 15).
 *
 * <h2>What it does today</h2>
 * registry-creds' {@code ClusterPullSecret} ({@code ops.alexellis.io/v1}, cluster-scoped, {@code spec.secretRef:
 * {name, namespace}}) on every cluster of the fleet: those of {@code flotilla.clusters.kubeconfig} at start, then
 * those the registry announces on the clusters topic ({@code kafka/ClusterRegistrationConsumer} into a
 * {@code clusters.Fleet}, credentials unsealed with {@code flotilla.clusters.credentials-key}). A cluster that joins
 * is watched and synced at once, one whose credentials change is watched again with them, one that leaves is watched
 * no more and leaves the API, its copies staying as they are ({@code cluster/PullSecretWatches}):
 * <ul>
 * <li>the seed Secret ({@code kubernetes.io/dockerconfigjson}) is copied into every namespace as
 * {@code <name>-registrycreds}, same type and data, and appended to the namespace's {@code default} ServiceAccount
 * {@code imagePullSecrets} after the entries already there ({@code pullsecret/PullSecretSync});</li>
 * <li>a namespace created later gets its copy, a rotated seed updates every copy, a copy edited by hand is restored
 * (informers per cluster, {@code cluster/PullSecretWatches}, and a full sync every {@code flotilla.pull-secrets.resync});</li>
 * <li>a namespace annotated {@code alexellis.io/registry-creds.ignore: "1"} or {@code "true"}, as registry-creds
 * honours, is skipped ({@code pullsecret/OptOut}); a terminating one too, and those named in
 * {@code flotilla.pull-secrets.exclude-namespaces} (a comma list, empty by default because registry-creds copies
 * into every namespace; shown as {@code namespacesExcluded} in the API);</li>
 * <li>a {@code ClusterPullSecret} removed from a cluster takes away its copies there, only those carrying
 * Flotilla's marks (the label {@code app.kubernetes.io/managed-by: flotilla-registry-secrets} and the annotation
 * {@code flotilla.io/pull-secret} naming it), and their entries in the {@code default} ServiceAccounts, nothing
 * else: other entries stay, a Secret of the same name Flotilla did not make stays
 * ({@code pullsecret/PullSecretRemoval}); a namespace that refuses is shown in the API's {@code removalErrors}
 * and tried again at the next sync;</li>
 * <li>a missing or wrong-type seed is logged once and shown in {@code GET /api/pull-secrets}, existing copies left
 * as they are; the API gives per cluster and {@code ClusterPullSecret} the namespaces covered / total, those opted
 * out, the seed's SHA-256 digest (never its value), the last sync and the errors;</li>
 * <li>the {@code ClusterPullSecret} CustomResourceDefinition is installed where a cluster lacks it.</li>
 * </ul>
 * Secret values appear nowhere: logs, API and annotations carry {@code sha256:} digests only. With registry-creds
 * also running, both write the same name with the same data, so they agree; its copies carry an owner reference,
 * Flotilla's the annotations {@code flotilla.io/pull-secret} and {@code flotilla.io/seed-digest}.
 *
 * <h2>Left of issue 15</h2>
 * The {@code pullsecrets} topic out, fleet-wide seeds with label selectors (and their cleanup when removed), status on the {@code ClusterPullSecret},
 * a rotation's progress over time, a ServiceAccount informer, informer caches instead of a list per sync, the
 * dashboard, and {@code ./flotilla bench --pull-secrets}. Not decided yet: whether copies already in a namespace
 * that later opts out or is added to the exclusion list should go (Flotilla leaves them today), and the
 * ServiceAccount entry of a copy deleted by someone else before its {@code ClusterPullSecret} was removed
 * (registry-creds' own copies, which Kubernetes' garbage collector deletes through their owner reference, are such
 * copies), which stays because nothing shows it was Flotilla's.
 */
package io.flotilla.registrysecrets;
