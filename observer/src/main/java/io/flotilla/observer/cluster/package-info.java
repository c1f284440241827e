/**
 * Which clusters this observer instance watches (the leases of {@link io.flotilla.observer.cluster.WatchedClusters}:
 * each registered cluster by one instance at a time), connections to those clusters, following the fleet, and what
 * the observer's informers share: a store that keeps little of each object, retries after every failure, and a
 * handler that tells only seen or gone.
 */
package io.flotilla.observer.cluster;
