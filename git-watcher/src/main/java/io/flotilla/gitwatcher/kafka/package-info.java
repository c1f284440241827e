/**
 * The Kafka edge: {@code CommitDetected} events encoded and put on the {@code commits} topic, keyed by repository.
 * Nothing but encoding and sending lives here.
 */
package io.flotilla.gitwatcher.kafka;
