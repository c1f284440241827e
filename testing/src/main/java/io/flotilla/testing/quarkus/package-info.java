/**
 * Quarkus test resources: the shared Kafka broker, a PostgreSQL database of the test's own and simulated clusters
 * with their kubeconfig, set into the application's configuration.
 */
package io.flotilla.testing.quarkus;
