/**
 * The fleet as the applier knows it ({@link io.flotilla.clusters.Fleet}: seeded from a kubeconfig, then kept by
 * the clusters topic), clients for its API servers, one per registered cluster, and the errors a cluster can
 * answer with: not registered, unreachable, a kind it does not serve.
 */
package io.flotilla.applier.cluster;
