package io.flotilla.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.RefUpdate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.events.EventCodec;
import io.flotilla.launcher.FlotillaCli;
import io.flotilla.launcher.cli.Endpoint;
import io.flotilla.launcher.stack.StackState;
import io.flotilla.launcher.status.ObserverClient;
import io.flotilla.testing.fixtures.HelmReleaseYaml;
import io.flotilla.testing.git.GitHubPushes;
import io.flotilla.testing.git.GitRepo;
import io.flotilla.testing.http.RecordingReceiver;

/**
 * A pull request of the fleet repository previewed end to end, as a team meets it on GitHub: the pull request's
 * webhook reaches git-watcher, the renderer renders its head for both clusters, the applier compares each release that
 * changes with what runs there by a server-side dry run, and the observer posts one comment on the pull request and
 * the {@code flotilla/preview} status of its head to a local server playing GitHub's API. The pull request changes
 * the release {@code web} and adds a folder whose ConfigMap names a namespace no cluster has, which the API server
 * refuses; nothing of it reaches a cluster. A second push fixes it: the comment is edited, not posted again, and the
 * status turns to success. The command line lists and describes the preview against the running stack.
 */
@OnSharedStack
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PullRequestPreviewIT {

    private static final Duration ARRIVAL = Duration.ofSeconds(120);
    private static final int NUMBER = 7;
    private static final String BRANCH = "change-web";

    private static GitRepo repo;
    private static RecordingReceiver gitHost;
    private static StackState stack;
    private static ObserverClient observer;
    private static String base;
    private static final Map<String, KubernetesClient> clusters = new LinkedHashMap<>();

    @BeforeAll
    static void watchFleet(SharedStack shared) {
        Path hosted = shared.hostedRepository();
        repo = EndToEndFleet.repository(hosted.getParent());
        assertThat(repo.dir()).isEqualTo(hosted);
        repo.write("apps/web.yaml", HelmReleaseYaml.fluxV2("preview-web", "web", "charts/hello",
                HelmReleaseYaml.message("from main")));
        base = EndToEndFleet.commit(repo, "web on every cluster");
        shared.watch("previews", repo.dir().toString());
        gitHost = shared.gitHost();
        stack = shared.state();
        observer = new ObserverClient(new Endpoint(stack.observerUrl(), stack.apiToken()));
        for (String cluster : EndToEndFleet.CLUSTERS) {
            clusters.put(cluster, EndToEndFleet.client(stack.kubeconfig(), cluster));
        }
    }

    @AfterAll
    static void close() {
        clusters.values().forEach(KubernetesClient::close);
        if (repo != null) {
            repo.close();
        }
    }

    @Test
    @Order(1)
    void aPullRequestIsCommentedWithWhatItChangesAndWhatTheApiServerRefusesAndNothingIsApplied() throws Exception {
        await().atMost(ARRIVAL).untilAsserted(() -> assertThat(observer.releases()).filteredOn(release ->
                release.namespace().equals("preview-web") && base.equals(release.sourceSha())
                        && "Ready".equals(release.status())).hasSize(2));
        String head = pullRequestCommit("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  namespace: nowhere-to-be-found
                data:
                  mode: preview
                """, "web says hello from the pull request, with settings");

        HttpResponse<String> delivered = deliver("opened", head);
        assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(202);

        JsonNode comment = await().atMost(ARRIVAL).until(() -> lastComment("POST", "/repos/acme/fleet/issues/"
                + NUMBER + "/comments"), found -> found != null && found.path("body").asText().contains(shortSha(head))
                && found.path("body").asText().contains("refused"));
        assertThat(comment.path("body").asText())
                .contains("**refused** `dev/default/apps-extras`", "namespaces \"nowhere-to-be-found\" not found",
                        "**refused** `prod/default/apps-extras`", "#### Cluster `dev`", "#### Cluster `prod`",
                        "| `preview-web/web` | changed |");
        await().atMost(ARRIVAL).untilAsserted(() -> assertThat(status(head)).isEqualTo("failure"));
        assertThat(gitHost.to("/issues/" + NUMBER + "/comments")).allSatisfy(request -> assertThat(request.headers())
                .containsEntry("authorization", "Bearer e2e-git-host-token"));

        JsonNode previews = get("/api/previews");
        assertThat(previews.findValuesAsText("sha")).contains(head);
        for (KubernetesClient cluster : clusters.values()) {
            assertThat(cluster.namespaces().withName("nowhere-to-be-found").get()).isNull();
            assertThat(cluster.configMaps().inNamespace("preview-web").list().getItems())
                    .as("the chart's ConfigMap still says what main says")
                    .allSatisfy(map -> assertThat(map.getData().values().toString())
                            .doesNotContain("from the pull request"));
        }
        assertThat(observer.releases()).filteredOn(release -> release.namespace().equals("preview-web"))
                .hasSize(2).allSatisfy(release -> assertThat(release.sourceSha()).isEqualTo(base));
    }

    @Test
    @Order(2)
    void aPushFixingThePullRequestEditsTheSameCommentAndTheStatusPasses() throws Exception {
        String head = pullRequestCommit(null, "settings go");

        HttpResponse<String> delivered = deliver("synchronize", head);
        assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(202);

        JsonNode edited = await().atMost(ARRIVAL).until(() -> lastComment("PATCH", "/repos/acme/fleet/issues/comments/"),
                found -> found != null && found.path("body").asText().contains(shortSha(head)));
        assertThat(edited.path("body").asText()).doesNotContain("refused").contains("| `preview-web/web` | changed |");
        await().atMost(ARRIVAL).untilAsserted(() -> assertThat(status(head)).isEqualTo("success"));
        assertThat(gitHost.to("/repos/acme/fleet/issues/" + NUMBER + "/comments"))
                .as("one comment, created once and edited after").hasSize(1);
    }

    @Test
    @Order(3)
    void theCommandLineListsAndDescribesThePreview(@TempDir Path work) throws Exception {
        Path config = work.resolve("config");
        int applierPort = stack.members().stream().filter(member -> member.name().equals("applier")).findFirst()
                .orElseThrow().port();
        assertThat(flotilla(config, "config", "set-server", "e2e", "--observer", stack.observerUrl(), "--applier",
                "http://localhost:" + applierPort, "--token", stack.apiToken())).isZero();
        String preview = repo.dir() + "#" + NUMBER;

        JsonNode listed = json(config, "get", "previews", "-o", "json");
        assertThat(listed.findParents("preview")).filteredOn(row -> row.path("preview").asText().equals(preview))
                .singleElement().satisfies(row -> {
                    assertThat(row.path("state").asText()).isEqualTo("COMPLETE");
                    assertThat(row.path("passes").asBoolean()).isTrue();
                    assertThat(row.path("refused").asInt()).isZero();
                });
        JsonNode described = json(config, "describe", "preview", preview, "-o", "json");
        assertThat(described.path("clusters").findValuesAsText("cluster")).contains("dev", "prod");
        assertThat(described.path("clusters").findParents("name")).anySatisfy(release -> assertThat(
                release.path("namespace").asText() + "/" + release.path("name").asText() + " "
                        + release.path("change").asText()).isEqualTo("preview-web/web CHANGED"));
        assertThat(flotilla(config, "describe", "preview", repo.dir() + "#999")).as("an unknown preview").isOne();
    }

    /** {@code ./flotilla --config <config> ARGS...} run in this JVM, its output parsed as JSON. */
    private static JsonNode json(Path config, String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = FlotillaCli.run(cli(config, args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        return EventCodec.mapper().readTree(out.toByteArray());
    }

    /** The exit code of {@code ./flotilla --config <config> ARGS...} run in this JVM. */
    private static int flotilla(Path config, String... args) {
        return FlotillaCli.run(cli(config, args), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private static List<String> cli(Path config, String... args) {
        List<String> line = new ArrayList<>(List.of("--config", config.toString()));
        line.addAll(List.of(args));
        return line;
    }

    /**
     * A commit on the pull request's branch, kept by the repository under {@code refs/pull/<number>/head} as GitHub
     * keeps it; the watched branch {@code main} never moves. {@code settings}, when given, is the added folder's file.
     */
    private static String pullRequestCommit(String settings, String message) throws Exception {
        try (Git git = Git.open(repo.dir().toFile())) {
            boolean exists = git.getRepository().findRef("refs/heads/" + BRANCH) != null;
            git.checkout().setName(BRANCH).setCreateBranch(!exists).call();
            repo.write("apps/web.yaml", HelmReleaseYaml.fluxV2("preview-web", "web", "charts/hello",
                    HelmReleaseYaml.message("from the pull request")));
            if (settings != null) {
                repo.write("apps/extras/settings.yaml", settings);
            } else {
                git.rm().addFilepattern("apps/extras/settings.yaml").call();
            }
            String head = EndToEndFleet.commit(repo, message);
            git.checkout().setName(GitRepo.BRANCH).call();
            RefUpdate update = git.getRepository().updateRef("refs/pull/" + NUMBER + "/head");
            update.setNewObjectId(git.getRepository().resolve(head));
            update.setForceUpdate(true);
            assertThat(update.update()).isIn(RefUpdate.Result.NEW, RefUpdate.Result.FORCED);
            return head;
        }
    }

    /** GitHub's {@code pull_request} delivery, signed with the source's webhook secret. */
    private static HttpResponse<String> deliver(String action, String head) throws IOException, InterruptedException {
        Map<String, Object> pull = Map.of("number", NUMBER, "title", "web says hello from the pull request",
                "user", Map.of("login", "ada"), "head", Map.of("ref", BRANCH, "sha", head),
                "base", Map.of("ref", GitRepo.BRANCH));
        byte[] body = EventCodec.mapper().writeValueAsBytes(Map.of("action", action, "number", NUMBER,
                "pull_request", pull, "repository", Map.of("clone_url", repo.dir().toString())));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.gitWatcherUrl()
                + "/hooks/github")).header("Content-Type", "application/json")
                .header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", "sha256=" + GitHubPushes.hmacSha256(SharedStack.SOURCE_HOOK_SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The body of the last request of {@code method} whose path contains {@code path}, parsed; null before one. */
    private static JsonNode lastComment(String method, String path) throws IOException {
        List<RecordingReceiver.Request> sent = gitHost.to(path).stream()
                .filter(request -> request.method().equals(method)).toList();
        return sent.isEmpty() ? null : EventCodec.mapper().readTree(sent.get(sent.size() - 1).body());
    }

    /** The state of the last {@code flotilla/preview} status of {@code sha}; null before one. */
    private static String status(String sha) throws IOException {
        List<RecordingReceiver.Request> sent = gitHost.to("/repos/acme/fleet/statuses/" + sha);
        for (int i = sent.size() - 1; i >= 0; i--) {
            JsonNode status = EventCodec.mapper().readTree(sent.get(i).body());
            if (status.path("context").asText().equals("flotilla/preview")) {
                return status.path("state").asText();
            }
        }
        return null;
    }

    private static JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                stack.observerUrl() + path)).header("Authorization", "Bearer " + stack.apiToken()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return EventCodec.mapper().readTree(answer.body());
    }

    private static String shortSha(String sha) {
        return sha.substring(0, 10);
    }
}
