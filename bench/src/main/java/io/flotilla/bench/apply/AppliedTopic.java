package io.flotilla.bench.apply;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.flotilla.events.EventCodec;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.Topic;

/** The applied topic read from its start in the background: the latest outcome of every release. */
public final class AppliedTopic implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Map<String, ReleaseApplied> latest = new ConcurrentHashMap<>();
    private final Thread reader;

    public AppliedTopic(String bootstrapServers, String prefix) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-apply-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        consumer.subscribe(List.of(Topic.APPLIED.nameWith(prefix)));
        reader = new Thread(this::read, "bench-applied-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** How many of the releases (keys {@code cluster/namespace/name}) last reported {@code outcome}. */
    public long count(List<String> releases, Outcome outcome) {
        return releases.stream().map(latest::get).filter(event -> event != null && event.outcome() == outcome).count();
    }

    private void read() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> latest.put(record.key(),
                        EventCodec.decode(record.value(), ReleaseApplied.class).payload()));
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
    }
}
