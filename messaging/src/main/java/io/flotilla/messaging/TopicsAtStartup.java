package io.flotilla.messaging;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.flotilla.messaging.TopicProvisioner;
import io.quarkus.runtime.StartupEvent;

/**
 * Creates Flotilla's topics before the channels subscribe (they start at a later priority of the same
 * event), so that none is auto-created without its retention or compaction. Every service has it by
 * depending on this module.
 */
@ApplicationScoped
public class TopicsAtStartup {

    void ensureTopics(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "flotilla.topic-prefix") String prefix,
            @ConfigProperty(name = "flotilla.topic-partitions") int partitions) {
        TopicProvisioner.ensureTopics(bootstrapServers, prefix, partitions);
    }
}
