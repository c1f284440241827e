package io.flotilla.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
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
import io.flotilla.launcher.stack.StackState;
import io.flotilla.launcher.status.ObserverClient;
import io.flotilla.testing.git.GitRepo;
import io.flotilla.testing.registry.DockerRegistry;
import io.flotilla.testing.registry.RegistryPushes;

/**
 * Image automation end to end, as a team runs it: CI pushes a new image tag to a real registry (Debian's
 * docker-registry) and the registry notifies Flotilla; the image-updater finds the Flux v1 HelmRelease automated with
 * {@code filter.fluxcd.io/chart-image: semver:~1.0}, git-watcher pushes {@code Auto-release <image>:<tag>} to the
 * fleet's remote (a bare repository, as a Git host keeps it), and both clusters run the new tag. The whole stack
 * runs as {@code ./flotilla up} runs it (the {@link SharedStack}), the image-updater with a registry webhook secret.
 */
@OnSharedStack
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImagePushToRunningIT {

    private static final Duration ARRIVAL = Duration.ofSeconds(120);
    private static final String RELEASE_FILE = "apps/hello.yaml";
    private static final Instant BUILT = Instant.parse("2026-03-02T09:00:00Z");

    private static DockerRegistry registry;
    private static RegistryPushes ci;
    private static Path remote;
    private static StackState stack;
    private static ObserverClient observer;
    private static String imageUpdater;
    private static final Map<String, KubernetesClient> clusters = new LinkedHashMap<>();

    @BeforeAll
    static void watchFleet(SharedStack shared) throws Exception {
        Path work = shared.folder(ImagePushToRunningIT.class);
        registry = DockerRegistry.start();
        ci = new RegistryPushes(registry.host());
        ci.push("team/hello", "1.0.0", BUILT);
        remote = work.resolve("fleet.git");
        try (GitRepo repo = GitRepo.init(work.resolve("fleet"))) {
            repo.copyFrom(EndToEndFleet.HOME.resolve("examples/fleet/charts/hello"), "charts/hello");
            repo.write(RELEASE_FILE, release("1.0.0"));
            repo.commit("hello, automated by Flux v1 annotations");
            Git.cloneRepository().setURI(repo.uri().toString()).setDirectory(remote.toFile()).setBare(true).call()
                    .close();
        }
        shared.watch("image-push", remote.toString());
        stack = shared.state();
        observer = new ObserverClient(new Endpoint(stack.observerUrl(), stack.apiToken()));
        imageUpdater = "http://localhost:" + stack.members().stream()
                .filter(member -> member.name().equals("image-updater")).findFirst().orElseThrow().port();
        for (String cluster : EndToEndFleet.CLUSTERS) {
            clusters.put(cluster, EndToEndFleet.client(stack.kubeconfig(), cluster));
        }
    }

    @AfterAll
    static void stopRegistry() {
        clusters.values().forEach(KubernetesClient::close);
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    @Order(1)
    void theTagInTheFileRunsOnBothClustersAndTheAutomationIsListed() throws Exception {
        await().atMost(ARRIVAL).untilAsserted(() -> {
            assertThat(image("dev")).isEqualTo(registry.host() + "/team/hello:1.0.0");
            assertThat(image("prod")).isEqualTo(registry.host() + "/team/hello:1.0.0");
        });
        await().atMost(ARRIVAL).untilAsserted(() -> assertThat(automation().path("newestTag").asText())
                .isEqualTo("1.0.0"));
        assertThat(automation().path("policy").asText()).isEqualTo("semver:~1.0");
    }

    @Test
    @Order(2)
    void aPushedTagTheRegistryNotifiesBecomesAnAutoReleaseCommitAndRunsOnBothClusters() throws Exception {
        String before = head();
        ci.push("team/hello", "1.1.0", BUILT.plusSeconds(60));
        ci.push("team/hello", "1.0.1", BUILT.plusSeconds(120));

        assertThat(notify("guessed", "1.0.1").statusCode()).as("a notification without the secret").isEqualTo(401);
        HttpResponse<String> notified = notify(SharedStack.REGISTRY_HOOK_SECRET, "1.0.1");
        assertThat(notified.statusCode()).as(notified.body()).isEqualTo(202);

        await().atMost(ARRIVAL).until(() -> !head().equals(before));
        RevCommit release = commit(head());
        assertThat(release.getFullMessage().strip()).isEqualTo("Auto-release " + registry.host() + "/team/hello:1.0.1");
        assertThat(release.getParent(0).getName()).isEqualTo(before);
        assertThat(file(release, RELEASE_FILE)).as("only the tag's bytes change").isEqualTo(release("1.0.1"));

        await().atMost(ARRIVAL).untilAsserted(() -> {
            assertThat(image("dev")).isEqualTo(registry.host() + "/team/hello:1.0.1");
            assertThat(image("prod")).isEqualTo(registry.host() + "/team/hello:1.0.1");
        });
        await().atMost(ARRIVAL).untilAsserted(() -> {
            JsonNode journey = journey(release.getName());
            assertThat(journey.path("clusters")).extracting(c -> c.path("cluster").asText())
                    .containsExactly("dev", "prod");
            assertThat(journey.path("clusters")).allSatisfy(c -> assertThat(c.path("ready").asInt()).isEqualTo(1));
            assertThat(journey.path("image").path("tag").asText()).as("the journey starts at the image")
                    .isEqualTo("1.0.1");
        });
        String correlation = automation().path("lastImageTagFound").path("correlationId").asText();
        assertThat(automation().path("lastImageTagFound").path("tag").asText()).isEqualTo("1.0.1");
        assertThat(observer.events(correlation)).as("the journey of the registry event")
                .anySatisfy(event -> {
                    assertThat(event.path("type").asText()).isEqualTo("CommitDetected");
                    assertThat(event.path("payload").path("sha").asText()).isEqualTo(release.getName());
                })
                .anySatisfy(event -> assertThat(event.path("type").asText()).isEqualTo("ReleaseApplied"));
    }

    /** The HelmRelease as its team wrote it: the chart from the fleet's remote, the image automated. */
    private static String release(String tag) {
        return """
                # hello everywhere; CI's new 1.0.x images roll out by themselves
                apiVersion: helm.fluxcd.io/v1
                kind: HelmRelease
                metadata:
                  name: hello
                  namespace: hello
                  annotations:
                    fluxcd.io/automated: "true"
                    filter.fluxcd.io/chart-image: semver:~1.0
                spec:
                  releaseName: hello
                  chart:
                    git: %s
                    ref: main
                    path: charts/hello
                  values:
                    image:
                      repository: %s/team/hello
                      tag: "%s"   # the tag CI built last
                """.formatted(remote, registry.host(), tag);
    }

    /** What the registry sends its notification endpoint after a push (the distribution notification envelope). */
    private static HttpResponse<String> notify(String token, String tag) throws IOException, InterruptedException {
        String envelope = """
                {"events": [{"id": "e2e-%1$s", "timestamp": "%2$s", "action": "push",
                  "target": {"mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                    "repository": "team/hello", "tag": "%1$s",
                    "url": "http://%3$s/v2/team/hello/manifests/%1$s"},
                  "request": {"host": "%3$s", "method": "PUT"}}]}""".formatted(tag, Instant.now(), registry.host());
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(imageUpdater + "/hooks/registry"))
                .header("Content-Type", "application/vnd.docker.distribution.events.v1+json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The automated release as {@code GET /api/automations} shows it. */
    private static JsonNode automation() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(imageUpdater + "/api/automations")).header("Authorization", "Bearer " + stack.apiToken())
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        for (JsonNode automation : EventCodec.mapper().readTree(response.body())) {
            if (automation.path("object").asText().equals("HelmRelease hello/hello")) {
                return automation;
            }
        }
        throw new AssertionError("no automation of HelmRelease hello/hello in " + new String(response.body(),
                StandardCharsets.UTF_8));
    }

    /** {@code GET /api/commits/{sha}} on the observer: the journey of the fleet repository's commit. */
    private static JsonNode journey(String sha) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.observerUrl() + "/api/commits/" + sha)).header("Authorization", "Bearer " + stack.apiToken())
                        .GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return EventCodec.mapper().readTree(response.body()).get(0);
    }

    private static String image(String cluster) {
        Deployment deployment = clusters.get(cluster).apps().deployments().inNamespace("hello")
                .withName("hello").get();
        return deployment == null ? "(no Deployment hello/hello)"
                : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private static String head() throws IOException {
        try (Repository repository = Git.open(remote.toFile()).getRepository()) {
            return repository.resolve("refs/heads/" + GitRepo.BRANCH).getName();
        }
    }

    private static RevCommit commit(String sha) throws IOException {
        try (Repository repository = Git.open(remote.toFile()).getRepository(); RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(ObjectId.fromString(sha));
        }
    }

    private static String file(RevCommit commit, String path) throws IOException {
        try (Repository repository = Git.open(remote.toFile()).getRepository();
                TreeWalk tree = TreeWalk.forPath(repository, path, commit.getTree())) {
            return new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }
}
