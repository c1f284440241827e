package io.flotilla.applier.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

import io.flotilla.events.DriftFound;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.Topic;

/**
 * The applier's topics as another service sees them: rendered releases go in with a plain producer,
 * applied events and dead letters are read back with a plain consumer running in the background.
 */
final class Topics implements AutoCloseable {

    private final String prefix;
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> received = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private final Admin admin;

    Topics(String bootstrapServers, String prefix) {
        this.prefix = prefix;
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "applier-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        consumer.subscribe(List.of(Topic.APPLIED.nameWith(prefix), Topic.DLQ.nameWith(prefix)));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        reader = new Thread(this::read, "applier-test-topics");
        reader.setDaemon(true);
        reader.start();
    }

    /** Publishes as the renderer does: the encoded envelope, keyed by the release. */
    Envelope<ReleaseRendered> publish(ReleaseRendered rendered) {
        Envelope<ReleaseRendered> envelope = Envelope.first("renderer", rendered);
        publishRaw(envelope.key(), EventCodec.encode(envelope));
        return envelope;
    }

    /** Publishes drift as the observer does: where the record landed. */
    RecordMetadata publishDrift(DriftFound drift) {
        Envelope<DriftFound> envelope = Envelope.first("observer", drift);
        try {
            return producer.send(new ProducerRecord<>(Topic.DRIFT.nameWith(prefix), envelope.key(),
                    EventCodec.encode(envelope))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to the drift topic", e);
        }
    }

    void publishRaw(String key, String value) {
        publishTo(null, key, value);
    }

    /** Publishes to one partition of the rendered topic: where the record landed. */
    RecordMetadata publishTo(int partition, ReleaseRendered rendered) {
        Envelope<ReleaseRendered> envelope = Envelope.first("renderer", rendered);
        return publishTo(partition, envelope.key(), EventCodec.encode(envelope));
    }

    /** Publishes a raw record to a partition of the rendered topic (null: the key's): where it landed. */
    RecordMetadata publishTo(Integer partition, String key, String value) {
        try {
            return producer.send(new ProducerRecord<>(Topic.RENDERED.nameWith(prefix), partition, key, value))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to the rendered topic", e);
        }
    }

    /** The applier's next offset to read on that partition of the topic, as committed; -1 for none. */
    long committedOffset(Topic topic, int partition) {
        TopicPartition topicPartition = new TopicPartition(topic.nameWith(prefix), partition);
        try {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets("applier").partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(topicPartition);
            return committed == null ? -1 : committed.offset();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the applier's committed offsets", e);
        }
    }

    /** Every ReleaseApplied of the release received so far, in order. */
    List<Envelope<ReleaseApplied>> applied(ReleaseKey release) {
        return received.stream()
                .filter(record -> record.topic().equals(Topic.APPLIED.nameWith(prefix)))
                .filter(record -> release.toString().equals(record.key()))
                .map(record -> EventCodec.decode(record.value(), ReleaseApplied.class))
                .toList();
    }

    /** The first ReleaseApplied of the release with that outcome, once it comes (a minute at the most). */
    Envelope<ReleaseApplied> awaitOutcome(ReleaseKey release, Outcome outcome) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).until(
                () -> applied(release).stream().filter(event -> event.payload().outcome() == outcome)
                        .findFirst().orElse(null),
                event -> event != null);
    }

    List<ConsumerRecord<String, String>> deadLetters() {
        return received.stream().filter(record -> record.topic().equals(Topic.DLQ.nameWith(prefix))).toList();
    }

    private void read() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        } catch (WakeupException e) {
            // close() stops the reader this way
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        reader.join(10_000);
        producer.close();
        admin.close();
    }
}
