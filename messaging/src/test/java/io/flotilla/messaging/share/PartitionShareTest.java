package io.flotilla.messaging.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.flotilla.embedded.kafka.KafkaBroker;
import io.flotilla.events.Topic;
import io.flotilla.messaging.TopicProvisioner;

/** Instances of one service splitting work by key through a share's consumer group, on a real broker. */
class PartitionShareTest {

    private static final List<String> CLUSTERS = IntStream.range(0, 40).mapToObj(n -> "cluster-" + n).toList();

    private final Map<String, Object> broker = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
            KafkaBroker.shared().bootstrapServers());
    private final String prefix = "share-" + UUID.randomUUID() + ".";
    private final String topic = Topic.CLUSTERS.nameWith(prefix);
    private final String group = "observer-share-" + UUID.randomUUID();

    @Test
    void twoInstancesEachDoTheirOwnKeysAndEveryKeyIsDoneByOne() {
        TopicProvisioner.ensureTopics(broker, new TopicProvisioner.Layout(prefix, 6, (short) 1, Optional.empty()));
        try (PartitionShare first = PartitionShare.join(topic, group, broker, share -> { });
                PartitionShare second = PartitionShare.join(topic, group, broker, share -> { })) {

            await(() -> !first.partitions().isEmpty() && !second.partitions().isEmpty()
                    && first.partitions().size() + second.partitions().size() == 6);

            assertThat(first.partitions()).doesNotContainAnyElementsOf(second.partitions());
            assertThat(CLUSTERS).allSatisfy(cluster -> assertThat(first.owns(cluster) ^ second.owns(cluster))
                    .as("exactly one instance owns %s", cluster).isTrue());
            assertThat(CLUSTERS).anyMatch(first::owns).anyMatch(second::owns);
        }
    }

    @Test
    void anInstanceThatLeavesHandsItsKeysToTheOtherWhichIsTold() {
        TopicProvisioner.ensureTopics(broker, new TopicProvisioner.Layout(prefix, 6, (short) 1, Optional.empty()));
        List<Set<Integer>> toldToStaying = new CopyOnWriteArrayList<>();
        try (PartitionShare staying = PartitionShare.join(topic, group, broker,
                share -> toldToStaying.add(share.partitions()))) {
            PartitionShare leaving = PartitionShare.join(topic, group, broker, share -> { });
            await(() -> !leaving.partitions().isEmpty() && !staying.partitions().isEmpty());
            assertThat(CLUSTERS).anyMatch(cluster -> !staying.owns(cluster));

            leaving.close();

            await(() -> staying.partitions().size() == 6);
            assertThat(CLUSTERS).allMatch(staying::owns);
            assertThat(leaving.partitions()).isEmpty();
            assertThat(toldToStaying.get(toldToStaying.size() - 1)).containsExactly(0, 1, 2, 3, 4, 5);
        }
    }

    @Test
    void aKeyFallsOnThePartitionKafkaPutsItsRecordsOn() throws Exception {
        TopicProvisioner.ensureTopics(broker, new TopicProvisioner.Layout(prefix, 6, (short) 1, Optional.empty()));
        Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBroker.shared().bootstrapServers(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(), ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName());
        try (KafkaProducer<String, String> records = new KafkaProducer<>(producer)) {
            for (String cluster : CLUSTERS.subList(0, 10)) {
                RecordMetadata written = records.send(new ProducerRecord<>(topic, cluster, "{}")).get();
                assertThat(PartitionShare.partitionOf(cluster, 6)).as(cluster).isEqualTo(written.partition());
            }
        }
    }

    @Test
    void aLoneInstanceOwnsEveryKeyAndIsToldSo() {
        TopicProvisioner.ensureTopics(broker, new TopicProvisioner.Layout(prefix, 6, (short) 1, Optional.empty()));
        List<Set<Integer>> told = new CopyOnWriteArrayList<>();
        try (PartitionShare alone = PartitionShare.join(topic, group, broker, share -> told.add(share.partitions()))) {
            await(() -> alone.partitions().size() == 6);
            assertThat(CLUSTERS).allMatch(alone::owns);
            assertThat(told).last().isEqualTo(Set.of(0, 1, 2, 3, 4, 5));
        }
    }

    private static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("the group settled within 60 s").isBefore(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
