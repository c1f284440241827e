package io.flotilla.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {

    private static final ReleaseKey KEY = new ReleaseKey("dev", "apps", "podinfo");
    private static final PreviewKey PR = PreviewKey.ofPullRequest("fleet", "bump-podinfo", 7);
    private static final ObjectRef DEPLOYMENT = new ObjectRef("apps/v1", "Deployment", "apps", "podinfo");

    /** Each event type with the topic and the key DESIGN.md gives it. */
    static Stream<Arguments> everyEventType() {
        Instant now = Instant.parse("2026-11-24T10:15:30Z");
        return Stream.of(
                arguments(new CommitDetected("fleet", "main", "a1b2c3", "000111", List.of("releases/dev/app.yaml"),
                        "Ada", "bump podinfo", now), "flotilla.commits", "fleet"),
                arguments(ReleaseRendered.builder().release(KEY).format(ReleaseFormat.FLUX_V1).repository("fleet")
                        .sourceSha("a1b2c3").sourceFile("releases/dev/app.yaml").chart("podinfo", "6.5.0")
                        .chartDigest("sha256:c").valuesDigest("sha256:v").inputDigest("sha256:i")
                        .objects(List.of(Map.of("kind", "ConfigMap"))).commitOrder(42)
                        .rollout(new Rollout("apps", 1, "prod", 120, Map.of("stg", 42L)))
                        .values(CompressedValues.of(Map.of("replicas", 2)))
                        .helmChart(CompressedChart.of(Map.of("metadata", Map.of("name", "podinfo"))))
                        .notes("podinfo is at http://podinfo.apps").build(),
                        "flotilla.rendered", "dev/apps/podinfo"),
                arguments(ReleaseApplied.builder().release(KEY).revision(3).outcome(Outcome.Ready).sourceSha("a1b2c3")
                        .sourceFile("releases/dev/app.yaml").chart("podinfo", "6.5.0").inputDigest("sha256:i")
                        .objects(List.of(ObjectResult.applied(DEPLOYMENT))).durationMs(42).appliedAt(now).build(),
                        "flotilla.applied", "dev/apps/podinfo"),
                arguments(new ReleaseReconciled(KEY, 3, Outcome.Ready, "interval", now, "12 objects as revision 3 left them"),
                        "flotilla.applied", "dev/apps/podinfo"),
                arguments(new RolloutHeld(KEY, "apps", 1, "prod", true, "stg", "podinfo Failed on stg", "a1b2c3", 42,
                        now), "flotilla.applied", "dev/apps/podinfo"),
                arguments(new DriftFound(KEY, 3, List.of(new DriftFound.DriftedObject(DEPLOYMENT,
                        List.of("/spec/template/spec/containers/0/image"), false, "kubectl-edit", now))),
                        "flotilla.drift", "dev/apps/podinfo"),
                arguments(new ImageTagFound("ghcr.io/acme/podinfo", "6.5.1", "sha256:d", "semver:^6",
                        List.of(new ImageTagFound.ImageEdit("fleet", "main", "releases/prod/podinfo.yaml", 0,
                                List.of("spec", "values", "image", "tag"), "6.5.1", "6.5.0", "apps/podinfo", null, null,
                                null))),
                        "flotilla.images", "ghcr.io/acme/podinfo"),
                arguments(new ClusterState("dev", true, "v1.30.2", 3, 3, 10, 12, now), "flotilla.clusters", "dev"),
                arguments(new ClusterRegistered("dev", Map.of("env", "dev"), "https://dev:6443", "api", now, "v1:sealed"),
                        "flotilla.clusters", "dev/registration"),
                arguments(new ClusterRemoved("dev", true, now), "flotilla.clusters", "dev/registration"),
                arguments(new PullSecretsSynced("dev", now, List.of(new PullSecretsSynced.Coverage("dockerhub",
                        "kube-system/registry-creds-secret", "sha256:s", 41, 42, List.of("apps"), List.of())),
                        List.of(), null), "flotilla.pullsecrets", "dev"),
                arguments(new PreviewRequested(PR, "b2c3d4", "main", "Bump podinfo", "Ada", now, false),
                        "flotilla.previews", "fleet#7"),
                arguments(new PreviewRendered(PR, "b2c3d4", ReleaseRendered.builder().release(KEY)
                        .format(ReleaseFormat.FLUX_V2).repository("fleet").sourceSha("b2c3d4")
                        .sourceFile("releases/dev/app.yaml").objects(List.of(Map.of("kind", "ConfigMap"))).build()),
                        "flotilla.preview-renders", "fleet#7/dev/apps/podinfo"),
                arguments(new PreviewPlanned(PR, "b2c3d4", List.of(new PreviewPlanned.PlannedRelease(KEY,
                        PreviewPlanned.Change.CHANGED, "releases/dev/app.yaml", null)), 41, null),
                        "flotilla.preview-results", "fleet#7"),
                arguments(new PreviewChecked(PR, "b2c3d4", KEY, List.of(new PreviewChecked.ObjectChange(DEPLOYMENT,
                        PreviewChecked.Change.UPDATE, List.of("/spec/replicas"), null)), List.of(), null),
                        "flotilla.preview-results", "fleet#7"),
                arguments(new DeadLetter("applier", "flotilla.rendered", KEY.toString(), "{}", "boom"),
                        "flotilla.dlq", "dev/apps/podinfo"));
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void everyEventSurvivesTheWire(Event event) {
        Envelope<Event> sent = Envelope.first("test", event);

        Envelope<Event> received = EventCodec.decode(EventCodec.encode(sent));

        assertThat(received).usingRecursiveComparison().isEqualTo(sent);
        assertThat(received.key()).isEqualTo(event.key());
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void everyEventGoesToItsTopicKeyedAsTheDesignSays(Event event, String topic, String key) {
        Envelope<Event> received = EventCodec.decode(EventCodec.encode(Envelope.first("test", event)));

        assertThat(received.eventType().topic().nameWith(Topic.DEFAULT_PREFIX)).isEqualTo(topic);
        assertThat(received.key()).isEqualTo(key);
    }

    @Test
    void everyEventTypeIsCoveredAbove() {
        assertThat(everyEventType().map(arguments -> EventType.of((Event) arguments.get()[0])))
                .containsExactlyInAnyOrder(EventType.values());
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
    @Test
    void aCommitCarriesItsSourcesSealedAccessAsItIs() {
        String sealed = "sealed:v1:k1:d3JhcHBlZA:c2VhbGVk";
        CommitDetected commit = new CommitDetected("https://git.example.com/team/private", "main", "a1b2c3", null,
                List.of("apps/app.yaml"), "Ada", "init", Instant.parse("2026-11-24T10:15:30Z")).withAccess(sealed);

        Envelope<CommitDetected> received = EventCodec.decode(EventCodec.encode(Envelope.first("git-watcher", commit)),
                CommitDetected.class);

        assertThat(received.payload()).isEqualTo(commit);
        assertThat(received.payload().access()).isEqualTo(sealed);
    }

    @Test
    void aCommitWrittenBeforeSealedAccessExistedDecodesWithoutIt() {
        String written = "{\"id\":\"e1\",\"type\":\"CommitDetected\",\"version\":1,"
                + "\"time\":\"2026-11-24T10:15:30Z\",\"source\":\"git-watcher\",\"correlationId\":\"e1\","
                + "\"key\":\"fleet\",\"payload\":{\"repository\":\"fleet\",\"branch\":\"main\",\"sha\":\"a1b2c3\","
                + "\"changedPaths\":[\"apps/app.yaml\"],\"author\":\"Ada\",\"message\":\"init\","
                + "\"committedAt\":\"2026-11-24T10:15:30Z\",\"forced\":false}}";

        CommitDetected commit = EventCodec.decode(written, CommitDetected.class).payload();

        assertThat(commit.sha()).isEqualTo("a1b2c3");
        assertThat(commit.changedPaths()).containsExactly("apps/app.yaml");
        assertThat(commit.access()).isNull();
    }

    @Test
    void aCommitWithoutSealedAccessWritesNoAccessField() {
        String json = EventCodec.encode(Envelope.first("git-watcher",
                new CommitDetected("fleet", "main", "a1", null, List.of(), "Ada", "init", Instant.now())));

        assertThat(json).doesNotContain("access");
    }
}
