/**
 * Connections to the registered clusters, following the fleet, and what the observer's informers share: a store that
 * keeps little of each object, retries after every failure, and a handler that tells only seen or gone.
 */
package io.flotilla.observer.cluster;
