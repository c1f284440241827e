/**
 * Connections to the registered clusters, following the fleet; which of them this instance watches
 * ({@code WatchedClusters}: one instance per cluster, through a Kafka share, named in {@code ClusterWatchers} for the
 * API); and what the observer's informers share: a store that
 * keeps little of each object, retries after every failure, and a handler that tells only seen or gone.
 */
package io.flotilla.observer.cluster;
