package io.flotilla.gitwatcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;

/** The {@code commits} topic as a downstream service reads it: every record from the beginning. */
final class CommitsTopic implements AutoCloseable {

    /** A CommitDetected and the Kafka key it was published under. */
    record Published(String key, Envelope<CommitDetected> event) {
        CommitDetected commit() {
            return event.payload();
        }
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<Published> seen = new ArrayList<>();

    /** The topic of the running service's configuration, read from its beginning. */
    static CommitsTopic ofService() {
        Config config = ConfigProvider.getConfig();
        return of(config.getValue("kafka.bootstrap.servers", String.class),
                config.getValue("flotilla.topic-prefix", String.class));
    }

    /** The topic of a service started with {@code topicPrefix}, read from its beginning. */
    static CommitsTopic of(String bootstrapServers, String topicPrefix) {
        return new CommitsTopic(bootstrapServers, topicPrefix + "commits");
    }

    private CommitsTopic(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Waits for the CommitDetected of {@code sha}. */
    Published awaitCommit(String sha) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            read();
            return find(sha).isPresent();
        });
        return find(sha).orElseThrow();
    }

    /**
     * Whether a CommitDetected of {@code sha} has been published for {@code repository}, as far as the topic can be
     * read now. The same commit made in the same second elsewhere has the same sha: the repository tells them apart.
     */
    boolean hasCommit(String repository, String sha) {
        return shasOf(repository).contains(sha);
    }

    /** The commits read so far for {@code repository}, in the order they were published. */
    List<String> shasOf(String repository) {
        return commitsOf(repository).stream().map(CommitDetected::sha).toList();
    }

    /** The CommitDetected events for {@code repository} published so far, in the order they were published. */
    List<CommitDetected> commitsOf(String repository) {
        read();
        return seen.stream().filter(p -> p.key().equals(repository)).map(Published::commit).toList();
    }

    private Optional<Published> find(String sha) {
        return seen.stream().filter(p -> p.commit().sha().equals(sha)).findFirst();
    }

    private void read() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            seen.add(new Published(record.key(), EventCodec.decode(record.value(), CommitDetected.class)));
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
