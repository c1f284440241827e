/**
 * The CDI edge: the plain-Java renderer built from {@code application.properties} for the Kafka edge to call.
 */
package io.flotilla.renderer.wiring;
