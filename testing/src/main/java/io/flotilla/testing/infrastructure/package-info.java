/**
 * Where a test run takes Kafka and PostgreSQL from: containers (Testcontainers) where a Docker engine answers, else
 * the embedded broker and the local or embedded PostgreSQL; decided once, at the start of the run.
 */
package io.flotilla.testing.infrastructure;
