/**
 * The clusters' side: the fleet this service knows (seeded from the kubeconfig, then kept by the clusters topic),
 * informers per cluster on {@code ClusterPullSecret}s, Namespaces, Secrets and ServiceAccounts whose caches the syncs
 * read, started when a cluster joins and stopped when it leaves, one lane of work per cluster, and the latest
 * coverage of each, published when it changes.
 */
package io.flotilla.registrysecrets.cluster;
