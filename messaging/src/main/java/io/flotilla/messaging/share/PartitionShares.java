package io.flotilla.messaging.share;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.flotilla.events.Topic;
import io.flotilla.messaging.KafkaSettings;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Where a service joins a {@link PartitionShare}: over one of Flotilla's topics (with the installation's prefix), with
 * the broker settings its channels use. Every share it made leaves its group when the service stops.
 */
@ApplicationScoped
public class PartitionShares {

    private final Config config;
    private final String prefix;
    private final List<PartitionShare> joined = new CopyOnWriteArrayList<>();

    PartitionShares(Config config, @ConfigProperty(name = "flotilla.topic-prefix") String prefix) {
        this.config = config;
        this.prefix = prefix;
    }

    /**
     * Joins the share of {@code group} over {@code topic}'s partitions.
     *
     * @param listener told after every change of what this instance owns, on the share's thread
     */
    public PartitionShare join(Topic topic, String group, Consumer<PartitionShare> listener) {
        PartitionShare share = PartitionShare.join(topic.nameWith(prefix), group,
                KafkaSettings.of(config, ConsumerConfig.configNames()), listener);
        joined.add(share);
        return share;
    }

    void leave(@Observes ShutdownEvent stop) {
        joined.forEach(PartitionShare::close);
        joined.clear();
    }
}
