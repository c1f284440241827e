package io.flotilla.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {

    private static final ReleaseKey KEY = new ReleaseKey("dev", "apps", "podinfo");
    private static final ObjectRef DEPLOYMENT = new ObjectRef("apps/v1", "Deployment", "apps", "podinfo");

    static Stream<Event> everyEventType() {
        Instant now = Instant.parse("2026-11-24T10:15:30Z");
        return Stream.of(
                new CommitDetected("fleet", "main", "a1b2c3", "000111", List.of("releases/dev/app.yaml"), "Ada",
                        "bump podinfo", now),
                new ReleaseRendered(KEY, ReleaseFormat.FLUX_V1, "fleet", "a1b2c3", "releases/dev/app.yaml", "podinfo",
                        "6.5.0", "sha256:c", "sha256:v", "sha256:i", 1,
                        CompressedObjects.of(List.of(Map.of("kind", "ConfigMap"))), null),
                new ReleaseApplied(KEY, 3, Outcome.Ready, "a1b2c3", "releases/dev/app.yaml", "podinfo", "6.5.0",
                        "sha256:i", List.of(ObjectResult.applied(DEPLOYMENT)), 42, now, null),
                new DriftFound(KEY, 3, List.of(new DriftFound.DriftedObject(DEPLOYMENT,
                        List.of("/spec/template/spec/containers/0/image"), false, "kubectl-edit", now))),
                new ImageTagFound("ghcr.io/acme/podinfo", "6.5.1", "sha256:d", "semver:^6"),
                new ClusterState("dev", true, "v1.30.2", 3, 3, 10, 12, now),
                new DeadLetter("applier", "flotilla.rendered", KEY.toString(), "{}", "boom"));
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void everyEventSurvivesTheWire(Event event) {
        Envelope<Event> sent = Envelope.first("test", event);

        Envelope<Event> received = EventCodec.decode(EventCodec.encode(sent));

        assertThat(received).usingRecursiveComparison().isEqualTo(sent);
        assertThat(received.key()).isEqualTo(event.key());
        assertThat(received.eventType().topic()).isNotNull();
    }

    @Test
    void anEventCausedByAnotherCarriesItsCorrelationId() {
        Envelope<CommitDetected> commit = Envelope.first("git-watcher",
                new CommitDetected("fleet", "main", "a1", null, List.of(), "Ada", "init", Instant.now()));
        Envelope<ClusterState> caused = Envelope.causedBy(commit, "observer",
                new ClusterState("dev", true, "v1.30.0", 1, 1, 0, 0, Instant.now()));

        assertThat(commit.correlationId()).isEqualTo(commit.id());
        assertThat(caused.correlationId()).isEqualTo(commit.id());
        assertThat(caused.id()).isNotEqualTo(commit.id());
    }

    @Test
    void readingTheWrongTypeSaysWhatItGot() {
        String json = EventCodec.encode(Envelope.first("test", new ImageTagFound("r", "t", "d", "glob:*")));

        assertThatThrownBy(() -> EventCodec.decode(json, CommitDetected.class))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("expected a CommitDetected event, got 'ImageTagFound'");
    }

    @Test
    void aRecordThatIsNotAnEventSaysWhy() {
        assertThatThrownBy(() -> EventCodec.decode("{not json"))
                .isInstanceOf(EventFormatException.class).hasMessageStartingWith("record is not JSON");
        assertThatThrownBy(() -> EventCodec.decode("{\"id\":\"1\"}"))
                .isInstanceOf(EventFormatException.class).hasMessageStartingWith("record has no 'type'");
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"Nope\"}"))
                .isInstanceOf(EventFormatException.class).hasMessage("unknown event type 'Nope'");
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"CommitDetected\",\"id\":\"7\"}"))
                .isInstanceOf(EventFormatException.class).hasMessageContaining("has no payload");
    }

    @Test
    void fieldsAddedByANewerProducerAreIgnored() {
        String json = EventCodec.encode(Envelope.first("test", new ImageTagFound("r", "t", "d", "glob:*")))
                .replace("\"policy\"", "\"addedLater\":true,\"policy\"");

        assertThat(EventCodec.decode(json, ImageTagFound.class).payload().policy()).isEqualTo("glob:*");
    }
}
