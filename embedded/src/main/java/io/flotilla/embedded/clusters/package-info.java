/**
 * Simulated Kubernetes clusters: {@link io.flotilla.embedded.clusters.SimulatedCluster} and
 * {@link io.flotilla.embedded.clusters.SimulatedFleet} (with its kubeconfig) are what tests and {@code ./flotilla up}
 * use; behind them, {@link io.flotilla.embedded.clusters.ApiServerDispatcher} routes each request to the class named
 * for what a real API server does with it (reads, writes, patches, namespaces, controllers' status). A new behaviour
 * of the API server goes into the class of its concern, or a new one the dispatcher routes to.
 */
package io.flotilla.embedded.clusters;
