package io.flotilla.renderer.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ReleaseRendered;
import io.smallrye.common.annotation.Identifier;

/**
 * The rendered topic read from its start to its end as it is now: being compacted and keyed by release, it holds
 * the last rendering of every release, which is what the renderer published before it (re)started. Read once, by
 * a consumer of its own that belongs to no group and commits nothing.
 */
@ApplicationScoped
public class RenderedTopicHistory {

    private static final Logger LOG = Logger.getLogger(RenderedTopicHistory.class);
    private static final Duration ASKING = Duration.ofSeconds(30);

    private final Map<String, Object> kafka;
    private final String topic;

    @Inject
    RenderedTopicHistory(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "mp.messaging.outgoing.rendered.topic") String topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    /** Every rendering on the topic, each partition oldest first; records that are no rendering are skipped. */
    void readAll(Consumer<Envelope<ReleaseRendered>> each) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, ASKING);
            if (infos == null || infos.isEmpty()) {
                return;
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, ASKING);
            while (!ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey(), ASKING) >= end.getValue())) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= ends.getOrDefault(new TopicPartition(record.topic(), record.partition()),
                            Long.MAX_VALUE)) {
                        continue;
                    }
                    decoded(record).ifPresent(each);
                }
            }
        }
    }

    private static Optional<Envelope<ReleaseRendered>> decoded(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventCodec.decode(record.value(), ReleaseRendered.class));
        } catch (RuntimeException e) {
            LOG.warnf("skipping record %d of %s partition %d, not a rendering: %s", record.offset(), record.topic(),
                    record.partition(), e.getMessage());
            return Optional.empty();
        }
    }
}
