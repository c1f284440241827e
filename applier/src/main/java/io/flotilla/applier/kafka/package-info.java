/**
 * The applier's Kafka edge: decodes {@code rendered} and {@code drift} records and hands them to {@code reconcile},
 * feeds the fleet from {@code clusters}, and publishes {@code ReleaseApplied} and {@code RolloutHeld} on
 * {@code applied}; decodes {@code preview-renders} and publishes each check ({@code PreviewChecked}) on
 * {@code preview-results}. Nothing else lives here.
 */
package io.flotilla.applier.kafka;
