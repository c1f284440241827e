/**
 * Flotilla's topics as a service outside the one under test sees them: {@link
 * io.flotilla.testing.kafka.FlotillaTopics} publishes envelopes keyed as the events module says and reads a topic
 * from its start; {@link io.flotilla.testing.kafka.TopicFollower} follows topics in the background and awaits an
 * event. Tests and benchmarks use these rather than Kafka clients of their own.
 */
package io.flotilla.testing.kafka;
