package io.flotilla.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;

/**
 * Creates Flotilla's topics before the channels subscribe (they start at a later priority of the same
 * event), so that none is auto-created without its retention or compaction. Every service has it by
 * depending on this module. The admin client connects as the channels do: with every {@code kafka.*} setting an
 * admin client knows (the broker's address, TLS, SASL).
 */
@ApplicationScoped
public class TopicsAtStartup {

    private static final String KAFKA = "kafka.";

    void ensureTopics(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start, Config config,
            @ConfigProperty(name = "flotilla.topic-prefix") String prefix,
            @ConfigProperty(name = "flotilla.topic-partitions") int partitions,
            @ConfigProperty(name = "flotilla.topic-replication-factor") short replicationFactor,
            @ConfigProperty(name = "flotilla.topic-min-insync-replicas") Optional<Integer> minInsyncReplicas) {
        TopicProvisioner.ensureTopics(adminSettings(config),
                new TopicProvisioner.Layout(prefix, partitions, replicationFactor, minInsyncReplicas));
    }

    private static Map<String, Object> adminSettings(Config config) {
        Set<String> known = AdminClientConfig.configNames();
        Map<String, Object> settings = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(KAFKA) && known.contains(name.substring(KAFKA.length()))) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> settings.put(name.substring(KAFKA.length()), value));
            }
        }
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                config.getValue(KAFKA + AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.class));
        return settings;
    }
}
