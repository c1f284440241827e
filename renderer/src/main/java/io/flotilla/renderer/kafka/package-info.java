/**
 * The Kafka edge: commits, cluster registrations, removals and states decoded and handed to the renderer, rendered releases encoded and
 * published keyed by release, on one thread ({@link io.flotilla.renderer.kafka.RenderLane}) that tries again what
 * failed for a reason that may pass and acknowledges a commit only once its renderings are on the topic; and the
 * rendered topic read back at start; previews read from {@code previews} and their renderings and plans published on
 * {@code preview-renders} and {@code preview-results} ({@link io.flotilla.renderer.kafka.PreviewConsumer}). The
 * rendering itself lives elsewhere.
 */
package io.flotilla.renderer.kafka;
