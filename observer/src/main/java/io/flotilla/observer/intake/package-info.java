/**
 * What the observer does with each event it reads from Kafka ({@code kafka.EventConsumer} decodes it): one place that
 * hands it to the timeline, the release board, the metrics, the drift watch and the live stream; and, for the
 * previews' events ({@code kafka.PreviewConsumer}), one that keeps them in {@code preview.Previews}.
 */
package io.flotilla.observer.intake;
