package io.flotilla.renderer.messaging;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.flotilla.events.TopicProvisioner;
import io.quarkus.runtime.StartupEvent;

/** Creates Flotilla's topics before the messaging channels start, so none waits for a missing topic. */
@ApplicationScoped
public class TopicsAtStartup {

    void createTopics(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent startup,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "flotilla.topic-prefix") String prefix,
            @ConfigProperty(name = "flotilla.topic-partitions") int partitions) {
        TopicProvisioner.ensureTopics(bootstrapServers, prefix, partitions);
    }
}
