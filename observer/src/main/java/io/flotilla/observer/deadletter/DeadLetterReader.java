package io.flotilla.observer.deadletter;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.flotilla.events.DeadLetter;
import io.flotilla.events.EventCodec;
import io.flotilla.events.EventFormatException;
import io.flotilla.events.Topic;

/**
 * Reads a record of the dead-letter topic in either of the forms it comes in. The services' consumers use SmallRye's
 * {@code dead-letter-queue} failure strategy, which writes the original key and value with the original headers and
 * {@code dead-letter-reason}, {@code dead-letter-cause}, {@code dead-letter-topic}, {@code dead-letter-partition},
 * {@code dead-letter-offset} (and the exceptions' class names); it names no service, so the service is read from a
 * {@value #SERVICE} header where a service adds one. A {@link DeadLetter} event says it all in its payload.
 */
public final class DeadLetterReader {

    static final String REASON = "dead-letter-reason";
    static final String CAUSE = "dead-letter-cause";
    static final String TOPIC = "dead-letter-topic";
    static final String PARTITION = "dead-letter-partition";
    static final String OFFSET = "dead-letter-offset";
    /** Not SmallRye's: the name of the service that gave the record up, where it says. */
    static final String SERVICE = "dead-letter-service";
    /** What SmallRye's headers begin with: these are about the dead letter, not the original record. */
    private static final String PREFIX = "dead-letter-";

    private DeadLetterReader() {
    }

    /**
     * @param topicPrefix the installation's topic prefix: a {@link DeadLetter} event may name its topic without it
     */
    public static DeadLetterRecord read(DeadLetterArrival arrival, String topicPrefix) {
        DeadLetterRecord letter = new DeadLetterRecord();
        letter.id = arrival.partition() + "-" + arrival.offset();
        letter.arrivedAt = arrival.time();
        Map<String, String> headers = arrival.headers();
        if (headers.containsKey(TOPIC) || headers.containsKey(REASON)) {
            letter.service = headers.get(SERVICE);
            letter.topic = headers.get(TOPIC);
            letter.originalPartition = number(headers.get(PARTITION)).map(Long::intValue).orElse(null);
            letter.originalOffset = number(headers.get(OFFSET)).orElse(null);
            letter.originalKey = arrival.key();
            letter.record = arrival.value();
            letter.headers = json(original(headers));
            letter.reason = headers.get(REASON);
            letter.cause = headers.get(CAUSE);
            return letter;
        }
        try {
            DeadLetter event = EventCodec.decode(arrival.value(), DeadLetter.class).payload();
            letter.service = event.service();
            letter.topic = fullName(event.topic(), topicPrefix);
            letter.originalKey = event.originalKey();
            letter.record = event.record();
            letter.headers = json(Map.of());
            letter.reason = event.error();
            return letter;
        } catch (EventFormatException e) {
            letter.originalKey = arrival.key();
            letter.record = arrival.value();
            letter.headers = json(original(headers));
            letter.reason = "written to the dead-letter topic without saying where it came from or why";
            return letter;
        }
    }

    /** The headers the original record had, to send again with it. */
    private static Map<String, String> original(Map<String, String> headers) {
        Map<String, String> original = new TreeMap<>(headers);
        original.keySet().removeIf(name -> name.startsWith(PREFIX));
        return original;
    }

    private static String fullName(String topic, String prefix) {
        if (topic == null || topic.isBlank()) {
            return null;
        }
        return Arrays.stream(Topic.values()).anyMatch(known -> known.suffix().equals(topic)) ? prefix + topic : topic;
    }

    private static Optional<Long> number(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Text fields (headers, what the live stream tells) as one JSON object. */
    static String json(Map<String, String> fields) {
        try {
            return EventCodec.mapper().writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("dead letter fields cannot be written as JSON", e);
        }
    }
}
