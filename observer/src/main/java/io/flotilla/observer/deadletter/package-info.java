/**
 * Records that a service could never process, read from the dead-letter topic: kept in PostgreSQL for the API and
 * the dashboard, and replayed on request to the topic they came from. SmallRye's {@code dead-letter-queue} failure
 * strategy writes the original record with {@code dead-letter-*} headers; a {@code DeadLetter} event is read too.
 */
package io.flotilla.observer.deadletter;
