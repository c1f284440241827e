package io.flotilla.gitwatcher;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.events.Envelope;
import io.flotilla.events.ImageTagFound;
import io.flotilla.events.ImageTagFound.ImageEdit;
import io.flotilla.gitwatcher.autorelease.FleetRemote;
import io.flotilla.gitwatcher.signature.CommitSignatures;
import io.flotilla.gitwatcher.signature.SigningKeys;
import io.flotilla.testing.git.GitHttpServer;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Image tags on the images topic written back to a real Git remote served over HTTP as Auto-release commits, which
 * are then detected and published on the commits topic like any other. Sources poll hourly: only the fetch when
 * a source is added, and the one after an Auto-release push, bring anything in.
 */
@QuarkusTest
@TestProfile(WatchedRepositoryProfile.AutoRelease.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class AutoReleaseTest {

    static final String USER = "flotilla-bot";
    static final String TOKEN = "glpat-write";
    static final String PODINFO = "releases/dev/podinfo.yaml";

    static final String PODINFO_RELEASE = """
            # podinfo in dev, automated by Flux v1 annotations
            apiVersion: helm.fluxcd.io/v1
            kind: HelmRelease
            metadata:
              name: podinfo
              namespace: dev
              annotations:
                fluxcd.io/automated: "true"
                filter.fluxcd.io/chart-image: semver:~0.4
            spec:
              releaseName: podinfo
              values:
                replicaCount: 1
                image:
                  repository: ghcr.io/myorg/podinfo
                  tag: "0.4.11"   # the tag CI built last
            """;

    @ConfigProperty(name = "flotilla.git.auto-release.signing-key")
    Path signingKey;

    @TempDir
    Path temp;

    FlotillaTopics topics;
    CommitsTopic commits;
    GitHttpServer server;
    final List<String> sourcesAdded = new ArrayList<>();

    @BeforeEach
    void start() {
        topics = FlotillaTopics.ofService();
        commits = CommitsTopic.ofService();
        server = GitHttpServer.serve(temp.resolve("served"), USER, TOKEN);
    }

    @AfterEach
    void stop() {
        sourcesAdded.forEach(id -> asAdmin().when().delete("/api/sources/" + id));
        server.close();
        commits.close();
        topics.close();
    }

    @Test
    void oneImageMakesOneSignedCommitChangingOneLineThatIsDetectedAndPublished() throws Exception {
        try (FleetRemote fleet = fleet("one")) {
            String first = fleet.push(PODINFO, PODINFO_RELEASE, "Add podinfo");
            watch("auto-one", fleet, first);

            Envelope<ImageTagFound> found = topics.publish("image-updater", new ImageTagFound("ghcr.io/myorg/podinfo",
                    "0.4.12", "sha256:" + "1".repeat(64), "semver:~0.4", List.of(tagEdit(url("one"), "0.4.12", "0.4.11"))));

            String released = awaitNewHead(fleet, first);
            RevCommit commit = fleet.commit(released);
            assertThat(commit.getFullMessage()).isEqualTo("Auto-release ghcr.io/myorg/podinfo:0.4.12\n");
            assertThat(commit.getParent(0).name()).isEqualTo(first);
            assertThat(commit.getAuthorIdent().getName()).isEqualTo("Flotilla");
            assertThat(fleet.changedFiles(released)).containsExactly(PODINFO);
            assertThat(fleet.file(released, PODINFO))
                    .isEqualTo(PODINFO_RELEASE.replace("tag: \"0.4.11\"   #", "tag: \"0.4.12\"   #"));
            SigningKeys bot = SigningKeys.parse(List.of(Files.readString(signingKey.resolveSibling("auto-release.pub.asc"))));
            assertThat(CommitSignatures.verify(fleet.repository(), commit, bot)).isEqualTo(bot.fingerprints().get(0));

            CommitsTopic.Published detected = commits.awaitCommit(released);
            assertThat(detected.key()).isEqualTo(url("one"));
            assertThat(detected.commit().changedPaths()).containsExactly(PODINFO);
            assertThat(detected.event().correlationId()).isEqualTo(found.correlationId());
            await().untilAsserted(() -> asAdmin().when().get("/api/sources/auto-one").then()
                    .body("autoRelease.lastCommit", equalTo(released))
                    .body("autoRelease.lastMessage", equalTo("Auto-release ghcr.io/myorg/podinfo:0.4.12"))
                    .body("autoRelease.lastError", nullValue()));
        }
    }

    @Test
    void threeImagesWithinTheWindowMakeOneCommitListingThem() {
        try (FleetRemote fleet = fleet("three")) {
            fleet.push("apps/api.yaml", "image: ghcr.io/myorg/api:2.0.0 # api\n", "Add api");
            fleet.push("apps/worker.yaml", "worker:\n  image:\n    tag: '1.2'\n", "Add worker");
            String first = fleet.push(PODINFO, PODINFO_RELEASE, "Add podinfo");
            watch("auto-three", fleet, first);
            String url = url("three");

            topics.publishAll(List.of(
                    Envelope.first("image-updater", new ImageTagFound("ghcr.io/myorg/podinfo", "0.4.12", null,
                            "semver:~0.4", List.of(tagEdit(url, "0.4.12", "0.4.11")))),
                    Envelope.first("image-updater", new ImageTagFound("ghcr.io/myorg/api", "2.0.1", null, "glob:2.*",
                            List.of(edit(url, "apps/api.yaml", List.of("image"), "ghcr.io/myorg/api:2.0.1",
                                    "ghcr.io/myorg/api:2.0.0")))),
                    Envelope.first("image-updater", new ImageTagFound("ghcr.io/myorg/worker", "1.3", null, "semver:^1",
                            List.of(edit(url, "apps/worker.yaml", List.of("worker", "image", "tag"), "1.3", "1.2"))))));

            String released = awaitNewHead(fleet, first);
            assertThat(fleet.commit(released).getParent(0).name()).isEqualTo(first);
            assertThat(fleet.commit(released).getFullMessage()).isEqualTo("""
                    Auto-release multiple images

                     - ghcr.io/myorg/api:2.0.1
                     - ghcr.io/myorg/podinfo:0.4.12
                     - ghcr.io/myorg/worker:1.3
                    """);
            assertThat(fleet.changedFiles(released)).containsExactlyInAnyOrder(PODINFO, "apps/api.yaml",
                    "apps/worker.yaml");
            assertThat(fleet.file(released, "apps/worker.yaml")).isEqualTo("worker:\n  image:\n    tag: '1.3'\n");
            assertThat(fleet.file(released, "apps/api.yaml")).isEqualTo("image: ghcr.io/myorg/api:2.0.1 # api\n");
        }
    }

    @Test
    void aPersonsPushMeanwhileIsKeptAndTheEditReappliedOnTheirCommit() {
        try (FleetRemote fleet = fleet("race")) {
            String first = fleet.push(PODINFO, PODINFO_RELEASE, "Add podinfo");
            watch("auto-race", fleet, first);
            // Pushed after the watcher's fetch, with no webhook: its mirror still has the first commit.
            String persons = fleet.push(PODINFO, PODINFO_RELEASE.replace("replicaCount: 1", "replicaCount: 3"),
                    "Scale podinfo to 3");

            topics.publish("image-updater", new ImageTagFound("ghcr.io/myorg/podinfo", "0.4.12", null, "semver:~0.4",
                    List.of(tagEdit(url("race"), "0.4.12", "0.4.11"))));

            String released = awaitNewHead(fleet, persons);
            assertThat(fleet.commit(released).getParent(0).name()).isEqualTo(persons);
            assertThat(fleet.file(released, PODINFO)).isEqualTo(PODINFO_RELEASE
                    .replace("replicaCount: 1", "replicaCount: 3")
                    .replace("tag: \"0.4.11\"", "tag: \"0.4.12\""));
        }
    }

    @Test
    void anEditWhoseValueAPersonChangedIsSkippedAndNeverMakesAnEmptyCommit() {
        try (FleetRemote fleet = fleet("changed")) {
            fleet.push("apps/api.yaml", "image: ghcr.io/myorg/api:2.0.0\n", "Add api");
            String first = fleet.push(PODINFO, PODINFO_RELEASE.replace("0.4.11", "0.4.13-hotfix"), "Pin a hotfix");
            watch("auto-changed", fleet, first);
            String url = url("changed");

            topics.publishAll(List.of(
                    Envelope.first("image-updater", new ImageTagFound("ghcr.io/myorg/podinfo", "0.4.12", null,
                            "semver:~0.4", List.of(tagEdit(url, "0.4.12", "0.4.11")))),
                    Envelope.first("image-updater", new ImageTagFound("ghcr.io/myorg/api", "2.0.1", null, "glob:2.*",
                            List.of(edit(url, "apps/api.yaml", List.of("image"), "ghcr.io/myorg/api:2.0.1",
                                    "ghcr.io/myorg/api:2.0.0"))))));

            String released = awaitNewHead(fleet, first);
            assertThat(fleet.commit(released).getFullMessage()).isEqualTo("Auto-release ghcr.io/myorg/api:2.0.1\n");
            assertThat(fleet.changedFiles(released)).containsExactly("apps/api.yaml");
            assertThat(fleet.file(released, PODINFO)).contains("tag: \"0.4.13-hotfix\"");
            await().untilAsserted(() -> asAdmin().when().get("/api/sources/auto-changed").then()
                    .body("autoRelease.skippedEdits", equalTo(1)));

            topics.publish("image-updater", new ImageTagFound("ghcr.io/myorg/podinfo", "0.4.14", null, "semver:~0.4",
                    List.of(tagEdit(url, "0.4.14", "0.4.11"))));

            await().untilAsserted(() -> asAdmin().when().get("/api/sources/auto-changed").then()
                    .body("autoRelease.skippedEdits", equalTo(2)));
            assertThat(fleet.head()).isEqualTo(released);
        }
    }

    @Test
    void aPushRefusedForPermissionsIsReportedOnceAndNotRetried() {
        try (FleetRemote readOnly = fleet("read-only"); FleetRemote writable = fleet("writable")) {
            String first = readOnly.push(PODINFO, PODINFO_RELEASE, "Add podinfo");
            readOnly.refusePushes();
            watch("auto-read-only", readOnly, first);
            String writableFirst = writable.push(PODINFO, PODINFO_RELEASE, "Add podinfo");
            watch("auto-writable", writable, writableFirst);
            int pushesBefore = server.pushesStarted("read-only");

            topics.publish("image-updater", new ImageTagFound("ghcr.io/myorg/podinfo", "0.4.12", null, "semver:~0.4",
                    List.of(tagEdit(url("read-only"), "0.4.12", "0.4.11"))));

            await().untilAsserted(() -> asAdmin().when().get("/api/sources/auto-read-only").then()
                    .body("autoRelease.lastError", containsString("push refused"))
                    .body("autoRelease.lastError", containsString(url("read-only")))
                    .body("autoRelease.lastCommit", nullValue()));

            // Batches are written one after the other: once this one is pushed, a retry of the refused one, which
            // would come a second after it, would have shown.
            topics.publish("image-updater", new ImageTagFound("ghcr.io/myorg/podinfo", "0.4.12", null, "semver:~0.4",
                    List.of(tagEdit(url("writable"), "0.4.12", "0.4.11"))));
            awaitNewHead(writable, writableFirst);
            assertThat(server.pushesStarted("read-only")).isEqualTo(pushesBefore + 1);
            assertThat(readOnly.head()).isEqualTo(first);
        }
    }

    private FleetRemote fleet(String name) {
        return FleetRemote.create(temp.resolve("served"), name, temp.resolve("people/" + name), url(name), USER, TOKEN);
    }

    private String url(String name) {
        return server.url(name);
    }

    /** Adds the remote as a source and waits until its head is detected: the mirror holds it from then on. */
    private void watch(String id, FleetRemote fleet, String head) {
        asAdmin().contentType(ContentType.JSON).body(Map.of("id", id, "repository", url(fleetName(id)),
                "username", USER, "password", TOKEN, "pollIntervalSeconds", 3600))
                .post("/api/sources").then().statusCode(201);
        sourcesAdded.add(id);
        commits.awaitCommit(head);
    }

    private static String fleetName(String sourceId) {
        return sourceId.substring("auto-".length());
    }

    private static String awaitNewHead(FleetRemote fleet, String old) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !fleet.head().equals(old));
        return fleet.head();
    }

    private static ImageEdit tagEdit(String source, String value, String expected) {
        return edit(source, PODINFO, List.of("spec", "values", "image", "tag"), value, expected);
    }

    private static ImageEdit edit(String source, String file, List<String> path, String value, String expected) {
        return new ImageEdit(source, "main", file, 0, path, value, expected, "dev/podinfo", null, null, null);
    }
}
