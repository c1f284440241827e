package io.flotilla.testing.quarkus;

import java.util.Map;

import io.flotilla.embedded.kafka.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The JVM's shared Kafka broker ({@link KafkaBroker#shared()}) for a Quarkus test: sets
 * {@code kafka.bootstrap.servers}. The broker outlives the test class; each test keeps its records apart by topic
 * prefix or keys.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", KafkaBroker.shared().bootstrapServers());
    }

    @Override
    public void stop() {
        // The shared broker stops with the JVM.
    }
}
