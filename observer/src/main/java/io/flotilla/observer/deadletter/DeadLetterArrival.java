package io.flotilla.observer.deadletter;

import java.time.Instant;
import java.util.Map;

/**
 * One record of the dead-letter topic as it came, before it is read as a dead letter.
 *
 * @param partition its partition on the dead-letter topic
 * @param offset    its offset there: with the partition, what names the dead letter
 * @param time      when it was written to the dead-letter topic
 * @param key       the record's key: the original record's key
 * @param value     the record's value, or null
 * @param headers   its headers, each read as UTF-8 text
 */
public record DeadLetterArrival(int partition, long offset, Instant time, String key, String value,
        Map<String, String> headers) {

    public DeadLetterArrival {
        headers = Map.copyOf(headers);
    }
}
