package io.flotilla.observer.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.flotilla.observer.deadletter.DeadLetterArrival;
import io.flotilla.observer.deadletter.DeadLetters;
import io.smallrye.common.annotation.Blocking;

/**
 * Reads the dead-letter topic, headers and all, and hands each record to the dead letters. This channel never
 * dead-letters a record itself (its failure strategy is {@code fail}): a letter that cannot be kept stops it, rather
 * than going round the topic it came from.
 */
@ApplicationScoped
public class DeadLetterConsumer {

    private final DeadLetters letters;

    public DeadLetterConsumer(DeadLetters letters) {
        this.letters = letters;
    }

    @Incoming("dead-letters")
    @Blocking
    public void deadLetter(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            // A repeated header: the last one written is the one that holds.
            headers.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        letters.keep(new DeadLetterArrival(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                record.key(), record.value(), headers));
    }
}
