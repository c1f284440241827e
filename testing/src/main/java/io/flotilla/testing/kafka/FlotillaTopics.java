package io.flotilla.testing.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.flotilla.events.Envelope;
import io.flotilla.events.Event;
import io.flotilla.events.EventCodec;
import io.flotilla.events.EventType;
import io.flotilla.events.Topic;

/**
 * Flotilla's topics as a service outside the one under test sees them: envelopes published keyed as
 * {@code events} says, every record of a topic read back from its start, topics followed in the background.
 */
public final class FlotillaTopics implements AutoCloseable {

    private static final Duration SEND_LIMIT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final String prefix;
    private final List<TopicFollower> followers = new CopyOnWriteArrayList<>();
    private KafkaProducer<String, String> producer;

    /** The topics of an installation started with this topic prefix. */
    public FlotillaTopics(String bootstrapServers, String prefix) {
        this.bootstrapServers = bootstrapServers;
        this.prefix = prefix;
    }

    /** The topics of an installation with the default prefix ({@value Topic#DEFAULT_PREFIX}). */
    public FlotillaTopics(String bootstrapServers) {
        this(bootstrapServers, Topic.DEFAULT_PREFIX);
    }

    /** The topics of the Quarkus service under test: its broker and its topic prefix. */
    public static FlotillaTopics ofService() {
        Config config = ConfigProvider.getConfig();
        return new FlotillaTopics(config.getValue("kafka.bootstrap.servers", String.class),
                config.getOptionalValue("flotilla.topic-prefix", String.class).orElse(Topic.DEFAULT_PREFIX));
    }

    /** The topic's name in this installation. */
    public String name(Topic topic) {
        return topic.nameWith(prefix);
    }

    /** Publishes a new event as {@code source} would: a journey's first envelope, on its topic. */
    public <T extends Event> Envelope<T> publish(String source, T event) {
        Envelope<T> envelope = Envelope.first(source, event);
        publish(envelope);
        return envelope;
    }

    /** Publishes an envelope on its event type's topic, keyed by its key; where it landed, once acknowledged. */
    public RecordMetadata publish(Envelope<?> envelope) {
        return publishRecord(envelope.eventType().topic(), null, envelope.key(), EventCodec.encode(envelope), Map.of());
    }

    /** Publishes an envelope to one partition of its topic, whatever its key would choose. */
    public RecordMetadata publish(Envelope<?> envelope, int partition) {
        return publishRecord(envelope.eventType().topic(), partition, envelope.key(), EventCodec.encode(envelope),
                Map.of());
    }

    /** Publishes many envelopes at once and waits until Kafka has them all. */
    public void publishAll(List<? extends Envelope<?>> envelopes) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Envelope<?> envelope : envelopes) {
            sent.add(producer().send(record(envelope.eventType().topic(), null, envelope.key(),
                    EventCodec.encode(envelope), Map.of())));
        }
        producer().flush();
        for (Future<RecordMetadata> future : sent) {
            acknowledged(future, "the envelopes' topics");
        }
    }

    /** Publishes a record as it is (it need not be an envelope) to a partition (null: the key's), with headers. */
    public RecordMetadata publishRecord(Topic topic, Integer partition, String key, String value,
            Map<String, String> headers) {
        return acknowledged(producer().send(record(topic, partition, key, value, headers)), name(topic));
    }

    /** Every record the topic holds now, from the beginning of each partition. */
    public List<ConsumerRecord<String, String>> all(Topic topic) {
        String name = name(topic);
        try (KafkaConsumer<String, String> consumer = consumer(Map.of())) {
            List<TopicPartition> partitions = consumer.partitionsFor(name).stream()
                    .map(partition -> new TopicPartition(name, partition.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** Every event of this type its topic holds now, in the order of each partition. */
    public <T extends Event> List<Envelope<T>> all(Class<T> type) {
        return all(EventType.of(type).topic()).stream().map(record -> EventCodec.decode(record.value(), type))
                .toList();
    }

    /**
     * Reads these topics from their start in the background until {@link #close()}: what a test awaits
     * while the service under test publishes.
     */
    public TopicFollower follow(Topic... topics) {
        TopicFollower follower = new TopicFollower(consumer(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "flotilla-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), prefix, List.of(topics));
        followers.add(follower);
        return follower;
    }

    /** The value of a record's last header of this name, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        followers.forEach(TopicFollower::close);
        if (producer != null) {
            producer.close();
        }
    }

    private ProducerRecord<String, String> record(Topic topic, Integer partition, String key, String value,
            Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(name(topic), partition, key, value);
        headers.forEach((header, text) -> record.headers().add(header, text.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            // A short linger batches what publishAll sends; single sends wait for their acknowledgement anyway.
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    private KafkaConsumer<String, String> consumer(Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static RecordMetadata acknowledged(Future<RecordMetadata> sent, String topic) {
        try {
            return sent.get(SEND_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot send to " + topic + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge a record on " + topic + " within "
                    + SEND_LIMIT.toSeconds() + " s", e);
        }
    }
}
