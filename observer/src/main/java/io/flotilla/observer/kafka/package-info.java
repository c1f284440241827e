/**
 * The observer's Kafka edge: reading the commits, rendered and applied topics, and publishing drift found and cluster
 * states. Decode, call a concept package, encode; nothing else.
 */
package io.flotilla.observer.kafka;
