/**
 * The fleet as every service knows it: {@link io.flotilla.clusters.Fleet} (clusters joining, relabelled and leaving
 * while the services run, from the registry's announcements on the clusters topic), clusters read from a kubeconfig
 * ({@link io.flotilla.clusters.KubeconfigClusters}), their credentials sealed with the installation's key
 * ring ({@link io.flotilla.clusters.CredentialSeal}) and what a cluster name and labels may be
 * ({@link io.flotilla.clusters.ClusterLabels}). The registry itself (API, table, cluster Secrets) is the observer's.
 */
package io.flotilla.clusters;
