/**
 * Work that is not keyed by release, owned by one running instance at a time: leases and heartbeats in PostgreSQL
 * ({@link io.flotilla.leases.Leases} over {@link io.flotilla.leases.LeaseStore}), renewed while the instance lives and
 * taken over when it dies, and the channel through which a service's instances tell each other what changed
 * ({@link io.flotilla.leases.DatabaseChannel}). Plain Java: each service makes them from its own pool, schema and
 * settings. Used by git-watcher (Git sources) and the observer (clusters to watch).
 */
package io.flotilla.leases;
