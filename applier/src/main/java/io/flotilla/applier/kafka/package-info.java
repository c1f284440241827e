/**
 * The applier's Kafka edge: decodes {@code rendered} and {@code drift} records, hands them to {@code reconcile},
 * and publishes {@code ReleaseApplied} on {@code applied}. Nothing else lives here.
 */
package io.flotilla.applier.kafka;
