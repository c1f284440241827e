/**
 * A single-node Kafka broker (KRaft) on 127.0.0.1 for tests and {@code ./flotilla up}
 * ({@link io.flotilla.embedded.kafka.KafkaBrokerMain} runs it as a process of its own), its logging kept quiet.
 */
package io.flotilla.embedded.kafka;
