package io.flotilla.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.CommonClientConfigs;
import org.eclipse.microprofile.config.Config;

/**
 * The settings a Kafka client of Flotilla's own (not a SmallRye channel) connects with: every {@code kafka.*}
 * property of the service that such a client knows (the broker's address, TLS, SASL), as the channels connect.
 */
public final class KafkaSettings {

    private static final String KAFKA = "kafka.";

    private KafkaSettings() {
    }

    /**
     * The service's {@code kafka.*} settings among {@code known} (e.g. {@code AdminClientConfig.configNames()}),
     * always with {@code bootstrap.servers}.
     */
    public static Map<String, Object> of(Config config, Set<String> known) {
        Map<String, Object> settings = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(KAFKA) && known.contains(name.substring(KAFKA.length()))) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> settings.put(name.substring(KAFKA.length()), value));
            }
        }
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                config.getValue(KAFKA + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.class));
        return settings;
    }
}
