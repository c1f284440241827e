/**
 * PostgreSQL for tests and {@code ./flotilla up}: the configured server, else a local one, else an embedded one
 * ({@link io.flotilla.embedded.postgres.PostgresServer}); {@link io.flotilla.embedded.postgres.PostgresServerMain}
 * runs it as a process of its own.
 */
package io.flotilla.embedded.postgres;
