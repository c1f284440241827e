/**
 * The Kafka edge: the clusters topic in (registrations and removals, into the service's fleet).
 */
package io.flotilla.registrysecrets.kafka;
