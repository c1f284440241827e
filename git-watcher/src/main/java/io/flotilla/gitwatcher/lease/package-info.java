/**
 * Which running instance fetches which source: leases in PostgreSQL ({@link io.flotilla.gitwatcher.lease.SourceLeases}),
 * renewed while the instance lives and taken over when it dies, and the channel through which instances tell each
 * other that sources were added or removed, that leases were given back, or that a webhook asked for a fetch
 * ({@link io.flotilla.gitwatcher.lease.SourceChannel}).
 */
package io.flotilla.gitwatcher.lease;
