/**
 * The Kafka edge: {@code CommitDetected} events encoded and put on the {@code commits} topic, keyed by repository;
 * {@code ImageTagFound} events read from the {@code images} topic and handed to the Auto-release writer.
 * Nothing but decoding, encoding and sending lives here.
 */
package io.flotilla.gitwatcher.kafka;
