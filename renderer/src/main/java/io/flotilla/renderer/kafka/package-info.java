/**
 * The Kafka edge: commits and cluster states decoded, handed to the renderer, rendered releases encoded and
 * published keyed by release. Nothing but decoding, calling and encoding lives here.
 */
package io.flotilla.renderer.kafka;
