package io.flotilla.observer.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flotilla.events.DeadLetter;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;

class DeadLetterReaderTest {

    static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aRecordSmallRyeDeadLetteredKeepsItsOriginWhyAndOwnHeaders() {
        DeadLetterRecord letter = DeadLetterReader.read(new DeadLetterArrival(2, 41, AT, "dev/apps/web", "{not json",
                Map.of("dead-letter-reason", "record is not JSON: Unexpected character",
                        "dead-letter-cause", "Unexpected character ('n')",
                        "dead-letter-exception-class-name", "io.flotilla.events.EventFormatException",
                        "dead-letter-topic", "flotilla.rendered", "dead-letter-partition", "1",
                        "dead-letter-offset", "7", "traceparent", "00-abc-def-01")), "flotilla.");

        assertThat(letter.id).isEqualTo("2-41");
        assertThat(letter.topic).isEqualTo("flotilla.rendered");
        assertThat(letter.originalPartition).isEqualTo(1);
        assertThat(letter.originalOffset).isEqualTo(7L);
        assertThat(letter.originalKey).isEqualTo("dev/apps/web");
        assertThat(letter.record).isEqualTo("{not json");
        assertThat(letter.reason).isEqualTo("record is not JSON: Unexpected character");
        assertThat(letter.cause).isEqualTo("Unexpected character ('n')");
        assertThat(letter.service).as("SmallRye names no service").isNull();
        assertThat(letter.headers).isEqualTo("{\"traceparent\":\"00-abc-def-01\"}");
        assertThat(letter.arrivedAt).isEqualTo(AT);
    }

    @Test
    void aServiceThatNamesItselfIsShown() {
        DeadLetterRecord letter = DeadLetterReader.read(new DeadLetterArrival(0, 1, AT, "k", "v",
                Map.of("dead-letter-reason", "boom", "dead-letter-topic", "flotilla.commits",
                        "dead-letter-service", "renderer")), "flotilla.");

        assertThat(letter.service).isEqualTo("renderer");
        assertThat(letter.headers).isEqualTo("{}");
    }

    @Test
    void aDeadLetterEventSaysItAllInItsPayload() {
        Envelope<DeadLetter> event = Envelope.first("applier", new DeadLetter("applier", "rendered", "dev/apps/web",
                "{\"broken\":true}", "malformed ReleaseRendered event"));

        DeadLetterRecord letter = DeadLetterReader.read(new DeadLetterArrival(0, 3, AT, event.key(),
                EventCodec.encode(event), Map.of()), "flotilla.");

        assertThat(letter.service).isEqualTo("applier");
        assertThat(letter.topic).as("named by its suffix").isEqualTo("flotilla.rendered");
        assertThat(letter.originalKey).isEqualTo("dev/apps/web");
        assertThat(letter.record).isEqualTo("{\"broken\":true}");
        assertThat(letter.reason).isEqualTo("malformed ReleaseRendered event");
    }

    @Test
    void aRecordThatSaysNeitherWhereNorWhyIsKeptWithoutATopic() {
        DeadLetterRecord letter = DeadLetterReader.read(new DeadLetterArrival(0, 4, AT, "k", "junk", Map.of()),
                "flotilla.");

        assertThat(letter.topic).isNull();
        assertThat(letter.record).isEqualTo("junk");
        assertThat(letter.reason).contains("without saying where it came from");
    }
}
