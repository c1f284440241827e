package io.flotilla.applier.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;

import io.flotilla.events.DriftFound;
import io.flotilla.events.Envelope;
import io.flotilla.events.Event;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseReconciled;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.RolloutHeld;
import io.flotilla.events.Topic;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.kafka.TopicFollower;

/**
 * The applier's topics as another service sees them, on testing's shared reader and writer: rendered releases
 * and drift go in as the renderer and the observer publish them, applied events and dead letters are followed in
 * the background, and the applier's committed offsets are read with Kafka's admin client.
 */
final class Topics implements AutoCloseable {

    private final String prefix;
    private final FlotillaTopics topics;
    private final TopicFollower followed;
    private final Admin admin;

    private Topics(String bootstrapServers, String prefix) {
        this.prefix = prefix;
        topics = new FlotillaTopics(bootstrapServers, prefix);
        followed = topics.follow(Topic.APPLIED, Topic.DLQ);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** The topics of the applier under test: its broker and its topic prefix. */
    static Topics ofService() {
        return new Topics(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConfigProvider.getConfig().getValue("flotilla.topic-prefix", String.class));
    }

    /** Publishes as the renderer does: the encoded envelope, keyed by the release. */
    Envelope<ReleaseRendered> publish(ReleaseRendered rendered) {
        return topics.publish("renderer", rendered);
    }

    /** Publishes a registration or a removal of a cluster as the observer does, on the clusters topic. */
    void publishCluster(Event event) {
        topics.publish("observer", event);
    }

    /** Publishes drift as the observer does: where the record landed. */
    RecordMetadata publishDrift(DriftFound drift) {
        return topics.publish(Envelope.first("observer", drift));
    }

    void publishRaw(String key, String value) {
        publishTo(null, key, value);
    }

    /** Publishes to one partition of the rendered topic: where the record landed. */
    RecordMetadata publishTo(int partition, ReleaseRendered rendered) {
        return topics.publish(Envelope.first("renderer", rendered), partition);
    }

    /** Publishes a raw record to a partition of the rendered topic (null: the key's): where it landed. */
    RecordMetadata publishTo(Integer partition, String key, String value) {
        return topics.publishRecord(Topic.RENDERED, partition, key, value, Map.of());
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
        return followed.events(ReleaseApplied.class).stream()
                .filter(event -> release.toString().equals(event.key())).toList();
    }

    /** Every ReleaseReconciled of the release received so far, in order. */
    List<Envelope<ReleaseReconciled>> reconciled(ReleaseKey release) {
        return followed.events(ReleaseReconciled.class).stream()
                .filter(event -> release.toString().equals(event.key())).toList();
    }

    /** Every RolloutHeld of the release received so far, in order. */
    List<Envelope<RolloutHeld>> held(ReleaseKey release) {
        return followed.events(RolloutHeld.class).stream()
                .filter(event -> release.toString().equals(event.key())).toList();
    }

    /** The first RolloutHeld of the release that {@code halted} says, once it comes (a minute at the most). */
    Envelope<RolloutHeld> awaitHeld(ReleaseKey release, boolean halted) {
        return followed.await(RolloutHeld.class,
                event -> release.toString().equals(event.key()) && event.payload().halted() == halted);
    }

    /** The first ReleaseApplied of the release with that outcome, once it comes (a minute at the most). */
    Envelope<ReleaseApplied> awaitOutcome(ReleaseKey release, Outcome outcome) {
        return followed.await(ReleaseApplied.class,
                event -> release.toString().equals(event.key()) && event.payload().outcome() == outcome);
    }

    List<ConsumerRecord<String, String>> deadLetters() {
        return followed.records(Topic.DLQ);
    }

    @Override
    public void close() {
        topics.close();
        admin.close();
    }
}
