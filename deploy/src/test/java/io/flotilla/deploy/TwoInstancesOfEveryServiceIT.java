package io.flotilla.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ReleaseKey;
import io.flotilla.launcher.cli.Endpoint;
import io.flotilla.launcher.cli.JsonHttp;
import io.flotilla.launcher.stack.Folders;
import io.flotilla.launcher.stack.LocalStack;
import io.flotilla.launcher.stack.Service;
import io.flotilla.launcher.stack.StackOptions;
import io.flotilla.launcher.stack.StackState;
import io.flotilla.launcher.status.ObserverClient;
import io.flotilla.launcher.status.ReleaseRow;
import io.flotilla.testing.fixtures.HelmReleaseYaml;
import io.flotilla.testing.git.GitHttpServer;
import io.flotilla.testing.git.GitRepo;

/**
 * Two instances of every service, each its own process, as two pods of each Deployment ({@code ./flotilla up
 * --instances 2}): a commit reaches every cluster as with one; a source added through the API is fetched once, not
 * once per instance; then one instance of each service is killed ({@code kill -9}) while commits are on their way, and
 * the survivors bring every commit to every cluster once (one revision per change in the applier's history), still
 * see a change made by hand on either cluster, and still stream events to the dashboard. Each cluster is watched by
 * one observer at a time, the survivor taking the killed one's clusters.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesOfEveryServiceIT {

    private static final Duration ARRIVAL = Duration.ofSeconds(150);
    /** Releases on every cluster: each commit after the first changes one of them. */
    private static final int RELEASES = 6;

    /** What the git-watcher's requests to a Git host are named by. */
    private static final String GIT_WATCHER_AGENT = "flotilla-git-watcher/";

    private static Path work;
    private static GitRepo repo;
    /**
     * A Git host for the source added through the API, public (the renderer fetches an API source's commits without
     * the credentials given to the git-watcher), open as long as the stack, which renders from it.
     */
    private static GitHttpServer gitHost;
    private static StackState stack;
    private static final Map<String, KubernetesClient> clusters = new LinkedHashMap<>();
    /** The tag each release was last changed to (1.0.0 for one not changed since the first commit). */
    private static final Map<Integer, String> tags = new LinkedHashMap<>();

    @BeforeAll
    static void startTwoOfEach() throws IOException {
        work = Files.createTempDirectory("flotilla-two-instances-");
        repo = EndToEndFleet.repository(work);
        for (int i = 0; i < RELEASES; i++) {
            writeRelease(i, "1.0.0");
        }
        EndToEndFleet.commit(repo, RELEASES + " releases on every cluster");
        StackOptions options = EndToEndFleet.options(work, repo.dir().toString(), "flotilla_e2e_two_instances");
        for (Service service : Service.values()) {
            options = options.withInstances(service, 2);
        }
        gitHost = GitHttpServer.serveToAnyone(work.resolve("served"));
        stack = LocalStack.up(options, new PrintStream(System.out));
        for (String cluster : EndToEndFleet.CLUSTERS) {
            clusters.put(cluster, client(cluster));
        }
    }

    @AfterAll
    static void stop() {
        clusters.values().forEach(KubernetesClient::close);
        try {
            if (stack != null) {
                LocalStack.down(work.resolve("state"), new PrintStream(System.out));
                assertThat(stack.members()).noneMatch(StackState.Member::alive);
            }
        } finally {
            keepLogs();
            if (gitHost != null) {
                gitHost.close();
            }
            if (repo != null) {
                repo.close();
            }
            Folders.deleteRecursively(work);
        }
    }

    @Test
    @Order(1)
    void everyServiceRunsAsTwoProcessesAndTheFirstCommitReachesEveryCluster() {
        for (Service service : Service.values()) {
            StackState.Member first = member(service.module());
            StackState.Member second = member(service.module() + "-2");
            assertThat(first.pid()).as(service.module()).isNotEqualTo(second.pid());
            assertThat(first.port()).as(service.module()).isNotEqualTo(second.port());
            assertThat(first.alive() && second.alive()).as(service.module() + " both alive").isTrue();
        }

        awaitEveryRelease(observer("observer"), repo.head());
        // Each cluster is watched by one of the two observers, and both answer alike.
        await().atMost(ARRIVAL).untilAsserted(() -> {
            Map<String, String> watchers = watchers("observer");
            assertThat(watchers).containsOnlyKeys(EndToEndFleet.CLUSTERS).doesNotContainValue(null);
            assertThat(watchers("observer-2")).isEqualTo(watchers);
        });
    }

    @Test
    @Order(2)
    void aSourceAddedThroughTheApiIsFetchedOnceNotOncePerInstance() throws Exception {
        try (GitRepo extra = GitRepo.init(work.resolve("served").resolve("extra"))) {
            String sha = extra.write("README.md", "added through the API").commit("A source of its own");
            // To the second instance: which instance holds the new source is for the instances to settle.
            HttpResponse<String> added = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    url("git-watcher-2") + "/api/sources"))
                    .header("Authorization", "Bearer " + stack.apiToken()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(EventCodec.mapper().writeValueAsBytes(Map.of(
                            "id", "extra", "repository", gitHost.url("extra"), "branch", GitRepo.BRANCH,
                            "pollIntervalSeconds", 3600))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);

            ObserverClient observer = observer("observer");
            await().atMost(ARRIVAL).until(() -> commitsDetected(observer, sha) == 1);
            // Several lease ticks and polls of the stack's own source later: still the one fetch by a git-watcher (the
            // renderer fetches the commit it renders too), and one commit.
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8)).untilAsserted(() ->
                    assertThat(gitHost.fetchesStarted("extra", GIT_WATCHER_AGENT))
                            .as("fetches of the added source by the git-watchers").isEqualTo(1));
            assertThat(commitsDetected(observer, sha)).isEqualTo(1);
        }
    }

    @Test
    @Order(3)
    void withOneInstanceOfEachKilledMidStreamEveryCommitArrivesOnceDriftIsSeenAndTheDashboardStaysLive()
            throws Exception {
        ObserverClient observer = observer("observer-2");
        String before = repo.head();
        // Commits on their way: three, then the kill as their releases start to arrive, then three more.
        for (int i = 0; i < RELEASES / 2; i++) {
            change(i);
        }
        await().atMost(ARRIVAL).until(() -> clusters.values().stream().anyMatch(cluster -> image(cluster, 0)
                .endsWith(":" + tags.get(0))));
        List<String> killed = new ArrayList<>();
        for (Service service : Service.values()) {
            StackState.Member first = member(service.module());
            ProcessHandle.of(first.pid()).ifPresent(ProcessHandle::destroyForcibly);
            killed.add(first.name());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> killed.stream().map(TwoInstancesOfEveryServiceIT::member)
                .noneMatch(StackState.Member::alive));
        for (int i = RELEASES / 2; i < RELEASES; i++) {
            change(i);
        }
        assertThat(repo.head()).isNotEqualTo(before);

        awaitEveryRelease(observer, null);
        // The killed observer's clusters are watched by the one left (its id ends with its process id).
        String survivor = "-" + member("observer-2").pid();
        await().atMost(ARRIVAL).untilAsserted(() -> assertThat(watchers("observer-2"))
                .containsOnlyKeys(EndToEndFleet.CLUSTERS)
                .allSatisfy((cluster, watcher) -> assertThat(watcher).as(cluster).endsWith(survivor)));
        // A release the killed applier applied but did not record is applied again by the survivor once the killed
        // one's partitions reach it: the cluster already runs the new tag before its revision is recorded.
        await().atMost(ARRIVAL).untilAsserted(TwoInstancesOfEveryServiceIT::everyChangeRecordedOnce);

        ConcurrentLinkedQueue<JsonNode> streamed = new ConcurrentLinkedQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = eventStream(url("observer-2"), streamed);
        try {
            await().atMost(Duration.ofSeconds(30)).until(stream::isDone);
            assertThat(stream.get().statusCode()).isEqualTo(200);
            for (String cluster : EndToEndFleet.CLUSTERS) {
                editByHand(cluster, 0);
            }
            await().atMost(ARRIVAL).untilAsserted(() -> {
                List<JsonNode> drift = new JsonHttp("observer", new Endpoint(url("observer-2"), stack.apiToken()))
                        .get("api/drift", new TypeReference<List<JsonNode>>() {
                        });
                for (String cluster : EndToEndFleet.CLUSTERS) {
                    assertThat(drift).as("drift on " + cluster).anySatisfy(found -> {
                        assertThat(found.path("cluster").asText()).isEqualTo(cluster);
                        assertThat(found.path("name").asText()).isEqualTo(name(0));
                        assertThat(found.toString()).contains("/spec/template/spec/containers/0/image");
                    });
                }
            });
            await().atMost(ARRIVAL).untilAsserted(() -> {
                for (String cluster : EndToEndFleet.CLUSTERS) {
                    assertThat(streamed).as("DriftFound of " + cluster + " on the dashboard's stream")
                            .anySatisfy(event -> {
                                assertThat(event.path("type").asText()).isEqualTo("DriftFound");
                                assertThat(event.path("key").asText())
                                        .isEqualTo(new ReleaseKey(cluster, "apps", name(0)).toString());
                            });
                }
            });
        } finally {
            stream.cancel(true);
        }
        assertThat(observer.releases()).filteredOn(row -> row.namespace().equals("apps"))
                .hasSize(RELEASES * EndToEndFleet.CLUSTERS.size());
        // Still one revision per change, well after the survivors took over: nothing was applied a second time.
        everyChangeRecordedOnce();
    }

    /**
     * Revision 1 from the first commit and revision 2 from the one that changed it, in the applier's history of every
     * release on every cluster: no rendering applied twice.
     */
    private static void everyChangeRecordedOnce() {
        JsonHttp applier = new JsonHttp("applier", new Endpoint(url("applier-2"), stack.apiToken()));
        for (String cluster : EndToEndFleet.CLUSTERS) {
            for (int i = 0; i < RELEASES; i++) {
                List<JsonNode> history = applier.get("api/releases/" + cluster + "/apps/" + name(i) + "/history",
                        new TypeReference<List<JsonNode>>() {
                        });
                assertThat(history).as(cluster + "/apps/" + name(i) + ": " + history)
                        .extracting(revision -> revision.path("revision").asInt()).containsExactlyInAnyOrder(1, 2);
            }
        }
    }

    /** The stack's logs, kept in {@code target/} for a look after a failure. */
    private static void keepLogs() {
        Path logs = work.resolve("state").resolve("logs");
        Path kept = Path.of("target", "two-instances-logs");
        try (Stream<Path> files = Files.exists(logs) ? Files.list(logs) : Stream.empty()) {
            Files.createDirectories(kept);
            for (Path log : files.toList()) {
                Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.out.println("the stack's logs could not be kept: " + e.getMessage());
        }
    }

    /**
     * Waits until every release runs the tag it was last changed to on every cluster and {@code observer} shows it
     * Ready (at {@code sha} when given).
     */
    private static void awaitEveryRelease(ObserverClient observer, String sha) {
        await().atMost(ARRIVAL).untilAsserted(() -> {
            for (String cluster : EndToEndFleet.CLUSTERS) {
                for (int i = 0; i < RELEASES; i++) {
                    assertThat(image(clusters.get(cluster), i)).as(cluster + "/apps/" + name(i))
                            .endsWith(":" + tags.getOrDefault(i, "1.0.0"));
                }
            }
        });
        await().atMost(ARRIVAL).untilAsserted(() -> {
            List<ReleaseRow> rows = observer.releases().stream().filter(row -> row.namespace().equals("apps")).toList();
            assertThat(rows).hasSize(RELEASES * EndToEndFleet.CLUSTERS.size()).allSatisfy(row -> {
                assertThat(row.status()).as(row.cluster() + "/" + row.name()).isEqualTo("Ready");
                if (sha != null) {
                    assertThat(row.sourceSha()).as(row.cluster() + "/" + row.name()).isEqualTo(sha);
                }
            });
        });
    }

    /** Commits a new tag of release {@code i}, found by polling. */
    private static void change(int i) {
        String tag = "2.0." + i;
        writeRelease(i, tag);
        EndToEndFleet.commit(repo, name(i) + " to " + tag);
        tags.put(i, tag);
    }

    private static void writeRelease(int i, String tag) {
        repo.write("apps/" + name(i) + ".yaml", HelmReleaseYaml.fluxV2("apps", name(i), "charts/hello",
                HelmReleaseYaml.imageTag(tag)));
    }

    private static String name(int i) {
        return "app-" + i;
    }

    private static String image(KubernetesClient cluster, int i) {
        Deployment deployment = cluster.apps().deployments().inNamespace("apps").withName(name(i) + "-hello").get();
        return deployment == null ? "(no Deployment apps/" + name(i) + "-hello)"
                : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    /** A person's {@code kubectl edit} of release {@code i}'s image on {@code cluster}. */
    private static void editByHand(String cluster, int i) throws IOException {
        Path kubeconfig = stack.kubeconfig();
        Config config = Config.fromKubeconfig(cluster, Files.readString(kubeconfig), kubeconfig.toString());
        try (KubernetesClient person = new KubernetesClientBuilder().withConfig(new ConfigBuilder(config)
                .withUserAgent("kubectl-edit/v1.31.0").build()).build()) {
            person.apps().deployments().inNamespace("apps").withName(name(i) + "-hello").edit(deployment ->
                    new DeploymentBuilder(deployment).editSpec().editTemplate().editSpec().editFirstContainer()
                            .withImage("ghcr.io/stefanprodan/podinfo:by-hand").endContainer().endSpec().endTemplate()
                            .endSpec().build());
        }
    }

    /** The dashboard's live stream: every event it sends, parsed, into {@code streamed}. */
    private static CompletableFuture<HttpResponse<Stream<String>>> eventStream(String observer,
            ConcurrentLinkedQueue<JsonNode> streamed) {
        return HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(observer + "/api/events/stream"))
                .header("Authorization", "Bearer " + stack.apiToken()).header("Accept", "text/event-stream").GET()
                .build(), HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> {
                    CompletableFuture.runAsync(() -> response.body().filter(line -> line.startsWith("data:"))
                            .forEach(line -> {
                                try {
                                    streamed.add(EventCodec.mapper().readTree(line.substring("data:".length())));
                                } catch (IOException e) {
                                    throw new UncheckedIOException("not an event: " + line, e);
                                }
                            }));
                    return response;
                });
    }

    /** Which observer instance watches each registered cluster, as {@code instance}'s {@code GET /api/clusters} says. */
    private static Map<String, String> watchers(String instance) {
        List<JsonNode> clusters = new JsonHttp("observer", new Endpoint(url(instance), stack.apiToken()))
                .get("api/clusters", new TypeReference<List<JsonNode>>() {
                });
        Map<String, String> watchers = new LinkedHashMap<>();
        clusters.forEach(cluster -> watchers.put(cluster.path("cluster").asText(),
                cluster.path("watchedBy").isTextual() ? cluster.path("watchedBy").asText() : null));
        return watchers;
    }

    private static int commitsDetected(ObserverClient observer, String sha) {
        return (int) observer.latestEvents().stream().filter(e -> "CommitDetected".equals(e.path("type").asText())
                && sha.equals(e.path("payload").path("sha").asText())).count();
    }

    private static ObserverClient observer(String instance) {
        return new ObserverClient(new Endpoint(url(instance), stack.apiToken()));
    }

    private static String url(String instance) {
        return "http://localhost:" + member(instance).port();
    }

    private static StackState.Member member(String name) {
        return stack.members().stream().filter(member -> member.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no process " + name + " in " + stack.members()));
    }

    private static KubernetesClient client(String cluster) {
        return EndToEndFleet.client(stack.kubeconfig(), cluster);
    }
}
