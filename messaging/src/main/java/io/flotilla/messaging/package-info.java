/**
 * Kafka administration every service shares: Flotilla's topics created at startup, with the retention or compaction
 * {@link io.flotilla.events.Topic} gives each, before any channel subscribes; and
 * the key ring that seals secrets ({@link io.flotilla.messaging.SecretKeysProducer}), read once for every service.
 */
package io.flotilla.messaging;
