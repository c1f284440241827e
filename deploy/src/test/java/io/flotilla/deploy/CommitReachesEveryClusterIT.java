package io.flotilla.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.events.EventCodec;
import io.flotilla.launcher.cli.Endpoint;
import io.flotilla.launcher.fleet.ExampleFleet;
import io.flotilla.launcher.stack.StackState;
import io.flotilla.launcher.status.ObserverClient;
import io.flotilla.launcher.status.ReleaseRow;
import io.flotilla.testing.fixtures.HelmReleaseYaml;
import io.flotilla.testing.git.GitHubPushes;
import io.flotilla.testing.git.GitRepo;

/**
 * The walking skeleton end to end: a real Kafka broker, PostgreSQL, two simulated clusters and every
 * service as its own process, started the way {@code ./flotilla up} starts them (the {@link SharedStack}, whose
 * stop checks what {@code ./flotilla down} promises). Commits go to a real Git repository; what a user would look at
 * is checked: the clusters and the observer's API.
 */
@OnSharedStack
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommitReachesEveryClusterIT {

    private static final Duration ARRIVAL = Duration.ofSeconds(90);
    private static final String WEBHOOK_SECRET = "e2e-webhook-secret";

    private static Path work;
    private static GitRepo repo;
    private static StackState stack;
    private static ObserverClient observer;
    private static final Map<String, KubernetesClient> clusters = new LinkedHashMap<>();

    @BeforeAll
    static void watchFleet(SharedStack shared) {
        work = shared.folder(CommitReachesEveryClusterIT.class);
        repo = EndToEndFleet.repository(work);
        writeReleases("1.0.0", "1.0.0");
        EndToEndFleet.commit(repo, "Two releases of our chart, one per format");
        shared.watch("commit-reaches", repo.dir().toString());
        stack = shared.state();
        observer = new ObserverClient(new Endpoint(stack.observerUrl(), stack.apiToken()));
        for (String cluster : EndToEndFleet.CLUSTERS) {
            clusters.put(cluster, EndToEndFleet.client(stack.kubeconfig(), cluster));
        }
    }

    @AfterAll
    static void closeClients() {
        clusters.values().forEach(KubernetesClient::close);
        if (repo != null) {
            repo.close();
        }
    }

    @Test
    @Order(1)
    void theFirstCommitRunsTheImageTagFromTheValuesOnBothClusters() {
        await().atMost(ARRIVAL).untilAsserted(() -> {
            assertThat(image("dev")).contains("ghcr.io/stefanprodan/podinfo:1.0.0");
            assertThat(image("prod")).contains("ghcr.io/stefanprodan/podinfo:1.0.0");
        });
        // Each cluster's outcome reaches the observer on its own: the one seen Ready first says nothing of the other.
        await().atMost(ARRIVAL).untilAsserted(() -> {
            for (String cluster : List.of("dev", "prod")) {
                assertThat(release(cluster, "apps", "app")).as(cluster)
                        .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo("Ready"));
            }
        });
        assertThat(release("prod", "apps", "app")).hasValueSatisfying(r -> {
            assertThat(r.chart()).isEqualTo("hello");
            assertThat(r.chartVersion()).isEqualTo("0.1.0");
            assertThat(r.sourceSha()).isEqualTo(repo.head());
        });
    }

    @Test
    @Order(2)
    void aCommitChangingTheTagUpdatesBothClusters() throws Exception {
        writeReleases("1.1.0", "1.1.0");
        ExampleFleet.pointAtItself(repo.dir());
        String sha = repo.commit("Both environments to 1.1.0");
        push();

        await().atMost(ARRIVAL).untilAsserted(() -> {
            assertThat(image("dev")).contains("ghcr.io/stefanprodan/podinfo:1.1.0");
            assertThat(image("prod")).contains("ghcr.io/stefanprodan/podinfo:1.1.0");
        });
        await().atMost(ARRIVAL).untilAsserted(() -> assertThat(release("prod", "apps", "app"))
                .hasValueSatisfying(r -> {
                    assertThat(r.sourceSha()).isEqualTo(sha);
                    assertThat(r.revision()).isEqualTo(2);
                }));
        assertThat(journey(sha)).extracting(e -> e.path("type").asText())
                .contains("CommitDetected", "ReleaseRendered", "ReleaseApplied");
    }

    @Test
    @Order(3)
    void badInputIsReportedAndTheGoodReleasesStayApplied() throws Exception {
        repo.copyFrom(Path.of("src/test/resources/e2e/charts/broken"), "charts/broken");
        repo.write("releases/dev/broken.yaml", HelmReleaseYaml.fluxV1("apps", "broken", "charts/broken",
                HelmReleaseYaml.releaseName("broken")));
        repo.write("releases/dev/oops.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [oops\n");
        writeReleases("1.1.0", "1.2.0");
        ExampleFleet.pointAtItself(repo.dir());
        repo.commit("A broken chart, an unparsable file, and prod to 1.2.0");
        push();

        await().atMost(ARRIVAL).untilAsserted(() -> {
            assertThat(release("dev", "apps", "broken")).hasValueSatisfying(r -> {
                assertThat(r.status()).isEqualTo("Failed");
                assertThat(r.message()).contains("releases/dev/broken.yaml").contains("team");
            });
            assertThat(releases()).anySatisfy(r -> {
                assertThat(r.cluster()).isEqualTo("dev");
                assertThat(r.status()).isEqualTo("Failed");
                assertThat(r.message()).contains("releases/dev/oops.yaml");
            });
        });
        await().atMost(ARRIVAL).untilAsserted(() -> assertThat(image("prod")).contains(":1.2.0"));
        assertThat(image("dev")).contains(":1.1.0");
        assertThat(release("dev", "apps", "app")).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo("Ready"));
        assertThat(clusters.get("dev").configMaps().inNamespace("apps").withName("broken").get()).isNull();
    }

    @Test
    @Order(4)
    void aSignedGitHubPushGivesExactlyOneCommitDetectedAndAForgedOneNothing() throws Exception {
        try (GitRepo hooked = GitRepo.init(work.resolve("hooked"))) {
            String first = hooked.write("README.md", "watched through GitHub webhooks").commit("Start");
            HttpResponse<String> added = send("/api/sources", EventCodec.mapper().writeValueAsBytes(Map.of(
                    "id", "hooked", "repository", hooked.dir().toString(), "webhookSecret", WEBHOOK_SECRET,
                    "pollIntervalSeconds", 3600)), Map.of("Authorization", "Bearer " + stack.apiToken()));
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            await().atMost(ARRIVAL).untilAsserted(() -> assertThat(commitsDetected(first)).hasSize(1));

            String pushed = hooked.write("README.md", "signed push").commit("Signed push");
            byte[] signed = GitHubPushes.push(hooked.dir().toString(), first, pushed, "Signed push");
            assertThat(send("/hooks/github", signed, GitHubPushes.headers(WEBHOOK_SECRET, signed)).statusCode())
                    .isEqualTo(202);
            await().atMost(ARRIVAL).untilAsserted(() -> assertThat(commitsDetected(pushed)).hasSize(1));

            String forgedSha = hooked.write("README.md", "forged push").commit("Forged push");
            byte[] forged = GitHubPushes.push(hooked.dir().toString(), pushed, forgedSha, "Forged push");
            assertThat(send("/hooks/github", forged, GitHubPushes.headers("guessed", forged)).statusCode())
                    .isEqualTo(401);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> commitsDetected(forgedSha).isEmpty());
            assertThat(commitsDetected(pushed)).hasSize(1);
        }
    }

    private static void writeReleases(String devTag, String prodTag) {
        repo.write("releases/dev/app.yaml", HelmReleaseYaml.fluxV1("apps", "app", "charts/hello",
                HelmReleaseYaml.releaseName("app") + HelmReleaseYaml.imageTag(devTag)));
        repo.write("releases/prod/app.yaml", HelmReleaseYaml.fluxV2("apps", "app", "charts/hello",
                HelmReleaseYaml.imageTag(prodTag)));
    }

    /** What a Git host's webhook does after a push. */
    private static void push() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stack.gitWatcherUrl() + "/hooks/generic"))
                        .header("X-Flotilla-Token", SharedStack.SOURCE_HOOK_SECRET)
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
    }

    private static HttpResponse<String> send(String path, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.gitWatcherUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The CommitDetected events of {@code sha} among the observer's latest events. */
    private static List<JsonNode> commitsDetected(String sha) {
        return observer.latestEvents().stream()
                .filter(e -> "CommitDetected".equals(e.path("type").asText())
                        && sha.equals(e.path("payload").path("sha").asText()))
                .toList();
    }

    private static String image(String cluster) {
        Deployment deployment = clusters.get(cluster).apps().deployments().inNamespace("apps").withName("app-hello").get();
        return deployment == null ? "(no Deployment apps/app-hello)"
                : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private static List<ReleaseRow> releases() {
        return observer.releases();
    }

    private static Optional<ReleaseRow> release(String cluster, String namespace, String name) {
        return releases().stream().filter(r -> r.cluster().equals(cluster) && r.namespace().equals(namespace)
                && r.name().equals(name)).findFirst();
    }

    /** Every event caused by the commit {@code sha}, found through its CommitDetected. */
    private static List<JsonNode> journey(String sha) {
        JsonNode commit = observer.latestEvents().stream()
                .filter(e -> "CommitDetected".equals(e.path("type").asText())
                        && sha.equals(e.path("payload").path("sha").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no CommitDetected for " + sha));
        return observer.events(commit.path("correlationId").asText());
    }
}
