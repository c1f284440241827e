package io.flotilla.messaging;

import java.util.Optional;

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

    void ensureTopics(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start, Config config,
            @ConfigProperty(name = "flotilla.topic-prefix") String prefix,
            @ConfigProperty(name = "flotilla.topic-partitions") int partitions,
            @ConfigProperty(name = "flotilla.topic-replication-factor") short replicationFactor,
            @ConfigProperty(name = "flotilla.topic-min-insync-replicas") Optional<Integer> minInsyncReplicas) {
        TopicProvisioner.ensureTopics(KafkaSettings.of(config, AdminClientConfig.configNames()),
                new TopicProvisioner.Layout(prefix, partitions, replicationFactor, minInsyncReplicas));
    }
}
