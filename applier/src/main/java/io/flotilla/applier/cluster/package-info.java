/**
 * Clients for the fleet's API servers, one per cluster from the kubeconfig, and the errors a cluster can
 * answer with: unknown, unreachable, a kind it does not serve.
 */
package io.flotilla.applier.cluster;
