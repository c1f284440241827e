package io.flotilla.observer.deadletter;

import java.time.Instant;

/**
 * A dead letter as the API shows it.
 *
 * @param id         what names it in {@code POST /api/dead-letters/{id}/replay}
 * @param service    the service that gave the record up; null when the letter does not say (SmallRye's letters)
 * @param topic      the topic it came from, or null when the letter does not say (then it cannot be replayed)
 * @param reason     why it could not be processed
 * @param record     the original value
 * @param replayedAt when it was put back on its topic; null until then
 */
public record DeadLetterView(String id, String service, String topic, Integer partition, Long offset,
        String originalKey, String reason, String cause, String record, Instant arrivedAt, Instant replayedAt) {

    static DeadLetterView of(DeadLetterRecord letter) {
        return new DeadLetterView(letter.id, letter.service, letter.topic, letter.originalPartition,
                letter.originalOffset, letter.originalKey, letter.reason, letter.cause, letter.record, letter.arrivedAt,
                letter.replayedAt);
    }
}
