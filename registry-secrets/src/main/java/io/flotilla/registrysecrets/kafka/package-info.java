/**
 * The Kafka edge: the clusters topic in (registrations and removals, into the service's fleet), the pullsecrets topic
 * out (each cluster's coverage when it changes).
 */
package io.flotilla.registrysecrets.kafka;
