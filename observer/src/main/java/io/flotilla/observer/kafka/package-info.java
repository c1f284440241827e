/**
 * The observer's Kafka edge: reading the commits, rendered, applied and dead-letter topics and the previews with their
 * results, and publishing drift found, cluster states, cluster registrations and removals, and replayed dead letters.
 * Decode, call a concept package, encode; nothing else.
 */
package io.flotilla.observer.kafka;
