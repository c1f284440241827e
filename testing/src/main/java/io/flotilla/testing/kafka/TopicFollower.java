package io.flotilla.testing.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

import io.flotilla.events.Envelope;
import io.flotilla.events.Event;
import io.flotilla.events.EventCodec;
import io.flotilla.events.EventFormatException;
import io.flotilla.events.EventType;
import io.flotilla.events.Topic;

/**
 * Topics read from their start by a background consumer: every record received so far, the envelopes of a
 * type among them, the latest one per key, and a wait for one that matches. Made by {@link FlotillaTopics#follow}.
 */
public final class TopicFollower implements AutoCloseable {

    /** Long enough for a service's whole round trip on a loaded two-core machine. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    private final KafkaConsumer<String, String> consumer;
    private final String prefix;
    private final List<ConsumerRecord<String, String>> received = new CopyOnWriteArrayList<>();
    /** Decoded once as they arrive, so that a benchmark asking often about thousands of releases stays cheap. */
    private final List<Envelope<Event>> envelopes = new CopyOnWriteArrayList<>();
    private final Map<String, Envelope<Event>> latestByTypeAndKey = new ConcurrentHashMap<>();
    private final Thread reader;
    /** Batches of records received, counted so that a waiting test wakes at once when one arrives. */
    private long arrivals;

    TopicFollower(KafkaConsumer<String, String> consumer, String prefix, List<Topic> topics) {
        this.consumer = consumer;
        this.prefix = prefix;
        List<String> names = topics.stream().map(topic -> topic.nameWith(prefix)).toList();
        consumer.subscribe(names);
        reader = new Thread(this::read, "follower-of-" + String.join(",", names));
        reader.setDaemon(true);
        reader.start();
    }

    /** Every record of the topic received so far (envelopes or not), in the order of each partition. */
    public List<ConsumerRecord<String, String>> records(Topic topic) {
        String name = topic.nameWith(prefix);
        return received.stream().filter(record -> record.topic().equals(name)).toList();
    }

    /** Every record received so far, of every followed topic. */
    public List<ConsumerRecord<String, String>> records() {
        return List.copyOf(received);
    }

    /** Every envelope of this type received so far, in the order of each partition. */
    public <T extends Event> List<Envelope<T>> events(Class<T> type) {
        return envelopes.stream().filter(envelope -> type.isInstance(envelope.payload()))
                .map(envelope -> TopicFollower.<T>as(envelope)).toList();
    }

    /** The payload of the newest envelope of this type received under {@code key}, if any. */
    public <T extends Event> Optional<T> latest(Class<T> type, String key) {
        return Optional.ofNullable(latestByTypeAndKey.get(EventType.of(type).wireName() + "\n" + key))
                .map(envelope -> type.cast(envelope.payload()));
    }

    /** The first envelope of this type that matches, once it arrives ({@link #DEFAULT_WAIT} at the most). */
    public <T extends Event> Envelope<T> await(Class<T> type, Predicate<Envelope<T>> matching) {
        return await(type, matching, DEFAULT_WAIT);
    }

    /** The first envelope of this type that matches, once it arrives; fails after {@code limit}. */
    public <T extends Event> Envelope<T> await(Class<T> type, Predicate<Envelope<T>> matching, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            long arrivalsBefore = arrivals();
            Optional<Envelope<T>> found = events(type).stream().filter(matching).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new AssertionError("no matching " + type.getSimpleName() + " within " + limit.toSeconds()
                        + " s (" + events(type).size() + " of that type received)");
            }
            awaitArrivalAfter(arrivalsBefore, remaining);
        }
    }

    private void read() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<String, String> record : records) {
                    received.add(record);
                    envelope(record).ifPresent(envelope -> {
                        envelopes.add(envelope);
                        latestByTypeAndKey.put(envelope.type() + "\n" + record.key(), envelope);
                    });
                }
                if (!records.isEmpty()) {
                    synchronized (this) {
                        arrivals++;
                        notifyAll();
                    }
                }
            }
        } catch (WakeupException e) {
            // close() stops the reader this way
        } finally {
            consumer.close();
        }
    }

    /** Tests also publish records that are not envelopes (to see them dead-lettered): those decode to nothing. */
    private static Optional<Envelope<Event>> envelope(ConsumerRecord<String, String> record) {
        try {
            return Optional.of(EventCodec.decode(record.value()));
        } catch (EventFormatException e) {
            return Optional.empty();
        }
    }

    /** Safe: the envelope's payload was checked to be a {@code T}. */
    @SuppressWarnings("unchecked")
    private static <T extends Event> Envelope<T> as(Envelope<Event> envelope) {
        return (Envelope<T>) (Envelope<?>) envelope;
    }

    private synchronized long arrivals() {
        return arrivals;
    }

    /** Until records arrive after the count seen, or the time is up: a benchmark times its waits, so no fixed sleep. */
    private synchronized void awaitArrivalAfter(long seen, long nanos) {
        try {
            long deadline = System.nanoTime() + nanos;
            while (arrivals == seen && deadline - System.nanoTime() > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an event", e);
        }
    }

    @Override
    public void close() {
        consumer.wakeup();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
