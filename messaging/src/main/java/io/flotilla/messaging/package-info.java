/**
 * Kafka administration every service shares: Flotilla's topics created at startup, with the retention or compaction
 * {@link io.flotilla.events.Topic} gives each, before any channel subscribes.
 */
package io.flotilla.messaging;
