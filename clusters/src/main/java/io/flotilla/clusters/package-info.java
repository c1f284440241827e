/**
 * The cluster registry: which clusters make the fleet and their labels, read from a kubeconfig's contexts. Another
 * source of clusters (the API, cluster Secrets) is added beside it.
 */
package io.flotilla.clusters;
