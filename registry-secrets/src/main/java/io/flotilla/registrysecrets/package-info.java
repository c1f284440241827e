/**
 * registry-secrets keeps image pull secrets in every namespace of every cluster (issue 15).
 *
 * <h2>What it does</h2>
 * Two kinds of pull secret, copied, rotated and removed alike on every cluster of the fleet: those of
 * {@code flotilla.clusters.kubeconfig} at start, then those the registry announces on the clusters topic
 * ({@code kafka/ClusterRegistrationConsumer} into a {@code clusters.Fleet}, credentials opened with the
 * installation's key ring, {@code flotilla.secrets.keys-file}). A cluster that joins is watched and synced at once,
 * one whose credentials change is watched again with them, one whose labels change gets the fleet seeds they now
 * select, one that leaves is watched no more and leaves the API, its copies staying as they are
 * ({@code cluster/PullSecretWatches}).
 * <ul>
 * <li>registry-creds' {@code ClusterPullSecret} ({@code ops.alexellis.io/v1}, cluster-scoped,
 * {@code spec.secretRef: {name, namespace}}), its seed a Secret of that cluster, its copies named
 * {@code <name>-registrycreds}; the CustomResourceDefinition is installed where a cluster lacks it (with a status
 * subresource), and what a sync found is written on each object's {@code status} as a controller would
 * ({@code seedDigest}, {@code namespacesCovered}, {@code namespacesTotal}, a {@code Ready} condition whose reason
 * says {@code SeedNotFound}, {@code SeedNotDockerConfigJson}, {@code NamespacesFailed} or {@code Synced});</li>
 * <li>fleet seeds ({@code fleetseed/}), defined once for the fleet, in the configuration
 * ({@code flotilla.pull-secrets.fleet-seeds.<name>.secret-file}, {@code .selector}, {@code .copy-name}) or as
 * {@code kubernetes.io/dockerconfigjson} Secrets labelled {@code flotilla.io/fleet-seed=<name>} in the cluster of
 * {@code flotilla.pull-secrets.home-kubeconfig} (annotation {@code flotilla.io/cluster-selector}), each for the
 * clusters its label selector matches. Their value is read by this process only: it never passes through Git,
 * Kafka, logs or the API.</li>
 * </ul>
 * For each ({@code pullsecret/PullSecretSync}, reading the informers' caches):
 * <ul>
 * <li>the seed is copied into every namespace, same type and data, and appended to the namespace's {@code default}
 * ServiceAccount {@code imagePullSecrets} after the entries already there;</li>
 * <li>a namespace created later gets its copy, a rotated seed updates every copy, a copy edited by hand is restored,
 * an entry taken out of a {@code default} ServiceAccount by hand is put back (informers per cluster on
 * {@code ClusterPullSecret}s, Namespaces, Secrets and ServiceAccounts, and a full sync every
 * {@code flotilla.pull-secrets.resync});</li>
 * <li>a namespace annotated {@code alexellis.io/registry-creds.ignore: "1"} or {@code "true"}, as registry-creds
 * honours, is skipped ({@code pullsecret/OptOut}); a terminating one too, and those named in
 * {@code flotilla.pull-secrets.exclude-namespaces};</li>
 * <li>a pull secret no longer meant for a cluster (a {@code ClusterPullSecret} deleted, a fleet seed removed or no
 * longer selecting the cluster) takes away its copies there, only those carrying Flotilla's marks (the label
 * {@code app.kubernetes.io/managed-by: flotilla-registry-secrets} and the annotation {@code flotilla.io/pull-secret}
 * or {@code flotilla.io/fleet-seed} naming it), and their entries in the {@code default} ServiceAccounts, nothing
 * else ({@code pullsecret/PullSecretRemoval});</li>
 * <li>a missing or wrong-type seed is reported (API, status, log once), existing copies left as they are; a
 * namespace that refuses a write (an admission webhook refusing a ServiceAccount patch) is reported by name and
 * the others go on; a cluster that does not answer fails its own sync only, each cluster having its own lane
 * ({@code cluster/ClusterLane}), and is tried again every {@code flotilla.pull-secrets.retry}.</li>
 * </ul>
 * {@code GET /api/pull-secrets} shows per cluster and pull secret the namespaces covered / total, the seed's SHA-256
 * digest (never its value), the namespaces whose copy still carries another digest ({@code stale}: a rotation's
 * progress, shown while the sync runs and kept while a cluster does not answer), the last sync and the errors. The
 * same, when it changes (not at every resync that finds everything in place), goes out as {@code PullSecretsSynced}
 * on the compacted pullsecrets topic, keyed by cluster ({@code kafka/PullSecretsPublisher}).
 *
 * <h2>Several instances</h2>
 * They split the clusters through a {@code messaging/share} {@code PartitionShare} over the clusters topic
 * ({@code flotilla.pull-secrets.share-group}): each instance knows the whole fleet but watches, syncs, shows and
 * publishes only the clusters it owns; one gained is synced at once, one lost is watched no more
 * ({@code cluster/PullSecretWatches}).
 *
 * <h2>With registry-creds also running</h2>
 * Both may run on a cluster; they do not fight. They write the same copy ({@code <name>-registrycreds}, same type
 * and data, taken from the same seed) and the same {@code default} ServiceAccount entry, and each only appends
 * the entry when missing, so whichever comes second finds its work done. registry-creds' copies carry an owner
 * reference to the {@code ClusterPullSecret}, Flotilla's add the annotations {@code flotilla.io/pull-secret} and
 * {@code flotilla.io/seed-digest}; a copy may end up with both, which is harmless. A {@code ClusterPullSecret}
 * deleted: Kubernetes' garbage collector deletes the copies through the owner reference, Flotilla takes the
 * ServiceAccount entries of the copies it marked. Flotilla installs the CustomResourceDefinition only where it is
 * missing and never changes one found (registry-creds' has no status subresource, so Flotilla then writes
 * {@code status} with the object, without {@code observedGeneration}). Fleet seeds are Flotilla's alone:
 * registry-creds does not see them. To move off registry-creds, uninstall it; nothing else changes.
 *
 * <h2>Left of issue 15</h2>
 * The dashboard's view of {@code pullsecrets} (the observer's); a tombstone on the pullsecrets topic for a cluster
 * that leaves (its last record stays). Not decided yet: whether copies already in a namespace that later opts out or
 * is added to the exclusion list should go (Flotilla leaves them), and the ServiceAccount entry of a copy deleted by
 * someone else before its pull secret was removed (registry-creds' own copies, which Kubernetes' garbage collector
 * deletes through their owner reference, are such copies), which stays because nothing shows it was Flotilla's.
 */
package io.flotilla.registrysecrets;
