/**
 * The Kafka edge: {@code CommitDetected} events encoded and put on the {@code commits} topic, keyed by repository, and
 * {@code PreviewRequested} on the {@code previews} topic, keyed by preview;
 * {@code ImageTagFound} events read from the {@code images} topic and handed to the Auto-release writer.
 * Nothing but decoding, encoding and sending lives here.
 */
package io.flotilla.gitwatcher.kafka;
