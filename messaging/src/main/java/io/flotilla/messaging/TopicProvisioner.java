package io.flotilla.messaging;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.flotilla.events.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics Flotilla needs, with their partitions and retention, where they are missing.
 * Every service calls it at start: whichever comes first creates, the others find them there.
 */
public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    /**
     * How Flotilla's topics are laid out where they are created.
     *
     * @param prefix            put before each topic's name ({@code flotilla.})
     * @param partitions        partitions of each topic: the most instances of one service that can share its work
     * @param replicationFactor copies of each partition (3 in production, 1 on a single broker)
     * @param minInsyncReplicas copies that must have a record before a producer waiting for all is answered; empty:
     *                          the broker's default
     */
    public record Layout(String prefix, int partitions, short replicationFactor, Optional<Integer> minInsyncReplicas) {
    }

    /**
     * Creates the topics missing on the broker {@code adminSettings} reach ({@code bootstrap.servers} and whatever
     * security the broker asks for), as {@code layout} says.
     */
    public static void ensureTopics(Map<String, Object> adminSettings, Layout layout) {
        Map<String, Object> settings = new HashMap<>(adminSettings);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        Object bootstrapServers = settings.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (Admin admin = Admin.create(settings)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = List.of(Topic.values()).stream()
                    .filter(topic -> !existing.contains(topic.nameWith(layout.prefix())))
                    .map(topic -> new NewTopic(topic.nameWith(layout.prefix()), layout.partitions(),
                            layout.replicationFactor()).configs(configs(topic, layout)))
                    .toList();
            create(admin, missing);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Flotilla's topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list or create Flotilla's topics (" + layout.partitions()
                    + " partitions, replication factor " + layout.replicationFactor() + ") on Kafka at "
                    + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> configs(Topic topic, Layout layout) {
        Map<String, String> configs = new HashMap<>(topic.config());
        layout.minInsyncReplicas().ifPresent(replicas -> configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                Integer.toString(replicas)));
        return configs;
    }

    private static void create(Admin admin, Collection<NewTopic> topics)
            throws InterruptedException, TimeoutException, ExecutionException {
        if (topics.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
