package io.flotilla.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import io.flotilla.embedded.kafka.KafkaBroker;
import io.flotilla.events.Topic;

/** Flotilla's topics created on a real broker as the configuration lays them out. */
class TopicProvisionerTest {

    private final Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            KafkaBroker.shared().bootstrapServers());

    @Test
    void everyTopicIsCreatedWithItsPartitionsItsOwnSettingsAndTheLeastCopiesAWriteNeeds() throws Exception {
        String prefix = "provisioned-" + UUID.randomUUID() + ".";

        TopicProvisioner.ensureTopics(admin, new TopicProvisioner.Layout(prefix, 2, (short) 1, Optional.of(1)));

        try (Admin client = Admin.create(admin)) {
            String rendered = Topic.RENDERED.nameWith(prefix);
            TopicDescription description = client.describeTopics(List.of(rendered)).allTopicNames().get()
                    .get(rendered);
            assertThat(description.partitions()).hasSize(2);
            Config config = client.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, rendered)))
                    .all().get().values().iterator().next();
            assertThat(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).isEqualTo("1");
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                    .isEqualTo(Topic.RENDERED.config().get(TopicConfig.CLEANUP_POLICY_CONFIG));
            assertThat(client.listTopics().names().get())
                    .containsAll(List.of(Topic.values()).stream().map(topic -> topic.nameWith(prefix)).toList());
        }
    }

    @Test
    void moreCopiesThanTheBrokersCanHoldIsRefusedWithTheBrokersReason() {
        String prefix = "overreplicated-" + UUID.randomUUID() + ".";

        assertThatThrownBy(() -> TopicProvisioner.ensureTopics(admin,
                new TopicProvisioner.Layout(prefix, 1, (short) 3, Optional.empty())))
                .hasMessageStartingWith("cannot list or create Flotilla's topics (1 partitions, replication factor 3)"
                        + " on Kafka at " + KafkaBroker.shared().bootstrapServers())
                .hasMessageContaining("replication factor of 3 cannot be reached because only 1 broker(s) are"
                        + " registered");
    }
}
