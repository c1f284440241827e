package io.flotilla.messaging.share;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

/**
 * This instance's share of a service's work, when several instances of the service run: the work is split by key
 * (a cluster's name, an image repository) over the partitions of one topic, and the instance does the keys whose
 * partition Kafka's group coordinator assigned to it in the share's consumer group.
 *
 * <p>The consumer only takes part in the group: its partitions are paused, so it reads no record. Kafka does the
 * rest: an instance that joins or leaves (a rolling update, a scale-down) moves partitions at once; one that dies
 * without leaving ({@code kill -9}, a node lost) loses them after the session timeout. Assignment is eager (revoke
 * all, then assign), so two live instances never own a key at once; between the two there is a moment where no one
 * does. A key maps to the partition Kafka's default partitioner gives a record with that key, so a share over the
 * {@code clusters} topic gives a cluster to the instance that would read that cluster's records.
 *
 * <p>The listener is told the owned partitions after each change, on the share's own thread; it must not block
 * for long, as the instance's membership waits for it.
 */
public final class PartitionShare implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PartitionShare.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final String topic;
    private final String group;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Consumer<PartitionShare> listener;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private volatile Owned owned = new Owned(Set.of(), 0);
    private volatile boolean running = true;

    private record Owned(Set<Integer> partitions, int partitionCount) {
    }

    private PartitionShare(String topic, String group, Map<String, Object> settings,
            Consumer<PartitionShare> listener) {
        this.topic = topic;
        this.group = group;
        this.listener = listener;
        Map<String, Object> config = new HashMap<>(settings);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
        this.consumer = new KafkaConsumer<>(config);
        this.thread = new Thread(this::run, "share-" + group);
        thread.setDaemon(true);
    }

    /**
     * Joins the share's group and starts taking part in it.
     *
     * @param topic    the topic whose partitions split the work (it must exist)
     * @param group    the consumer group of every instance of the service sharing this work
     * @param settings the consumer's connection settings ({@code bootstrap.servers}, TLS, SASL)
     * @param listener told after every change of what this instance owns
     */
    public static PartitionShare join(String topic, String group, Map<String, Object> settings,
            Consumer<PartitionShare> listener) {
        PartitionShare share = new PartitionShare(topic, group, settings, listener);
        share.thread.start();
        return share;
    }

    /** Whether this instance does the work of {@code key} now. */
    public boolean owns(String key) {
        Owned now = owned;
        return now.partitionCount > 0 && now.partitions.contains(partitionOf(key, now.partitionCount));
    }

    /** The partitions this instance owns now, in order (empty before the group first assigned any). */
    public Set<Integer> partitions() {
        return owned.partitions;
    }

    /** The partition a key falls on: the one Kafka's default partitioner gives a record with that key. */
    public static int partitionOf(String key, int partitionCount) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitionCount;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    change(Set.of());
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    change(Set.of());
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    consumer.pause(partitions);
                    Set<Integer> numbers = new TreeSet<>();
                    partitions.forEach(partition -> numbers.add(partition.partition()));
                    change(numbers);
                }
            });
            while (running) {
                pollOnce();
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    private void pollOnce() {
        try {
            consumer.poll(POLL);
        } catch (WakeupException e) {
            LOG.debugf("share %s of %s woken", group, topic);
        } catch (KafkaException e) {
            LOG.warnf("share %s of %s: %s; asking the group again in a second", group, topic, e.getMessage());
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private void change(Set<Integer> partitions) {
        int count = partitions.isEmpty() ? owned.partitionCount : consumer.partitionsFor(topic).size();
        Owned next = new Owned(Collections.unmodifiableSet(new TreeSet<>(partitions)), count);
        if (next.partitions.equals(owned.partitions) && next.partitionCount == owned.partitionCount) {
            return;
        }
        owned = next;
        LOG.infof("share %s of %s: this instance owns partitions %s of %d", group, topic, next.partitions, count);
        try {
            listener.accept(this);
        } catch (RuntimeException e) {
            LOG.errorf(e, "share %s of %s: the change of partitions was not taken by its listener", group, topic);
        }
    }

    /** Leaves the group, so the other instances take this one's work at once. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            if (!stopped.await(10, TimeUnit.SECONDS)) {
                LOG.warnf("share %s of %s did not leave its group within 10 s", group, topic);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
