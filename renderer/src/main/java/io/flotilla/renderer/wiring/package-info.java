/**
 * The CDI edge: the plain-Java renderer and its fleet (seeded from a kubeconfig, kept by the clusters topic) built
 * from {@code application.properties} for the Kafka edge to call.
 */
package io.flotilla.renderer.wiring;
