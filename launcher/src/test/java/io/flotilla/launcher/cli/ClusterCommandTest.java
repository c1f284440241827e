package io.flotilla.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.stack.StackException;

/**
 * The command line's side of {@code ./flotilla cluster}: what it reads of a kubeconfig, what it sends to the
 * observer's registry ({@code POST/GET /api/clusters}, {@code PUT /api/clusters/{name}/labels},
 * {@code DELETE /api/clusters/{name}}), what it prints, and the mistakes it names before sending anything.
 */
class ClusterCommandTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    final RecordingApi observer = new RecordingApi();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        observer.close();
    }

    @Test
    void addSendsTheChosenContextAloneWithItsFilesInlineUnderTheClustersName() throws IOException {
        Path kubeconfig = twoContextKubeconfig();
        observer.answer("POST", "/api/clusters", 201, """
                {"name":"eu-3","labels":{"env":"prod","region":"eu"},"server":"https://10.0.0.2:6443","source":"api",
                 "registeredAt":"2026-12-01T12:00:00Z"}""");

        String printed = ClusterCommand.run(List.of("add", "eu-3", "--kubeconfig", kubeconfig.toString(), "--context",
                "spare-2", "--label", "env=prod", "--label=region=eu"), observer.endpoint(), NOW);

        assertThat(printed).isEqualTo("Cluster eu-3 registered (server https://10.0.0.2:6443, labels env=prod,region=eu):"
                + " every service takes it up now. ./flotilla cluster list shows it.\n");
        RecordingApi.Request request = observer.requests().get(0);
        assertThat(request.method() + " " + request.target() + " " + request.contentType())
                .isEqualTo("POST /api/clusters application/json");
        JsonNode body = JSON.readTree(request.body());
        assertThat(JSON.convertValue(body, Map.class)).containsOnlyKeys("name", "kubeconfig", "context", "labels");
        assertThat(body.path("name").asText()).isEqualTo("eu-3");
        assertThat(body.path("context").asText()).isEqualTo("eu-3");
        assertThat(JSON.convertValue(body.path("labels"), Map.class)).isEqualTo(Map.of("env", "prod", "region", "eu"));
        JsonNode sent = YAML.readTree(body.path("kubeconfig").asText());
        assertThat(sent.path("current-context").asText()).isEqualTo("eu-3");
        assertThat(sent.path("contexts")).hasSize(1);
        assertThat(sent.path("contexts").get(0).path("name").asText()).isEqualTo("eu-3");
        JsonNode cluster = sent.path("clusters").get(0).path("cluster");
        assertThat(cluster.path("server").asText()).isEqualTo("https://10.0.0.2:6443");
        assertThat(cluster.path("certificate-authority-data").asText())
                .isEqualTo(Base64.getEncoder().encodeToString("the CA of spare-2".getBytes(StandardCharsets.UTF_8)));
        assertThat(sent.path("users").get(0).path("user").path("token").asText()).isEqualTo("token-of-spare-2");
        assertThat(body.path("kubeconfig").asText()).doesNotContain("10.0.0.1").doesNotContain("token-of-spare-1");
    }

    @Test
    void addWithoutContextTakesTheFilesCurrentContext() throws IOException {
        observer.answer("POST", "/api/clusters", 201, "{}");

        ClusterCommand.run(List.of("add", "eu-1", "--kubeconfig", twoContextKubeconfig().toString()), observer.endpoint(),
                NOW);

        JsonNode body = JSON.readTree(observer.requests().get(0).body());
        assertThat(body.path("kubeconfig").asText()).contains("https://10.0.0.1:6443").doesNotContain("10.0.0.2");
        assertThat(JSON.convertValue(body.path("labels"), Map.class)).isEmpty();
    }

    @Test
    void whatTheObserverRefusesIsPrintedAsItSaidIt() throws IOException {
        observer.answer("POST", "/api/clusters", 409,
                "{\"message\":\"cluster eu-3 is registered already (from api): remove it first, or relabel it\"}");

        assertThatThrownBy(() -> ClusterCommand.run(List.of("add", "eu-3", "--kubeconfig",
                twoContextKubeconfig().toString()), observer.endpoint(), NOW))
                .isInstanceOf(StackException.class)
                .hasMessage("POST " + observer.endpoint() + "/api/clusters: the observer answered 409: cluster eu-3 is"
                        + " registered already (from api): remove it first, or relabel it");
    }

    @Test
    void addMistakesAreNamedBeforeAnythingIsSent() throws IOException {
        String kubeconfig = twoContextKubeconfig().toString();

        assertThatThrownBy(() -> run("add", "eu-3", "--kubeconfig", kubeconfig, "--label", "env=prod eu"))
                .isInstanceOf(UsageException.class).hasMessageContaining("label env=prod eu is not valid");
        assertThatThrownBy(() -> run("add", "eu-3", "--kubeconfig", kubeconfig, "--label", "env"))
                .isInstanceOf(UsageException.class).hasMessage("'env' is not a label: write key=value");
        assertThatThrownBy(() -> run("add", "EU_3", "--kubeconfig", kubeconfig))
                .isInstanceOf(UsageException.class).hasMessageContaining("cluster name 'EU_3' is not valid");
        assertThatThrownBy(() -> run("add", "eu-3"))
                .isInstanceOf(UsageException.class).hasMessageContaining("needs --kubeconfig FILE");
        assertThatThrownBy(() -> run("add", "--kubeconfig", kubeconfig))
                .isInstanceOf(UsageException.class).hasMessageContaining("takes the cluster's name");
        assertThatThrownBy(() -> run("add", "eu-3", "--kubeconfig", kubeconfig, "--context", "spare-9"))
                .isInstanceOf(StackException.class).hasMessage(kubeconfig + " has no context spare-9");
        assertThatThrownBy(() -> run("add", "eu-3", "--kubeconfig", dir.resolve("missing.yaml").toString()))
                .isInstanceOf(StackException.class)
                .hasMessage("kubeconfig " + dir.resolve("missing.yaml") + " does not exist or cannot be read");
        assertThat(observer.requests()).isEmpty();
    }

    @Test
    void listShowsEachClusterWithItsLabelsSourceReachabilityAndReadyReleases() {
        observer.answer("GET", "/api/clusters", 200, """
                [{"cluster":"dev","labels":{"env":"dev"},"source":"kubeconfig","server":"https://dev:6443",
                  "registeredAt":"2026-12-01T10:00:00Z","reachability":"Reachable",
                  "bootstrap":{"ready":12,"total":12,"allReadyAfterSeconds":9}},
                 {"cluster":"eu-3","labels":{"region":"eu","env":"prod"},"source":"api","server":"https://eu-3:6443",
                  "registeredAt":"2026-12-01T11:59:30Z","reachability":"Unreachable",
                  "bootstrap":{"ready":3,"total":40,"allReadyAfterSeconds":null}},
                 {"cluster":"eu-4","labels":{},"source":"api","registeredAt":"2026-12-01T11:59:58Z",
                  "reachability":"Unknown","bootstrap":{"ready":0,"total":0}}]""");

        assertThat(run("list")).isEqualTo("""
                NAME  LABELS              SOURCE      REACHABLE  READY  REGISTERED
                dev   env=dev             kubeconfig  yes        12/12  2h ago
                eu-3  env=prod,region=eu  api         no         3/40   30s ago
                eu-4  -                   api         unknown    -      2s ago

                3 clusters, 1 reachable
                """);
    }

    @Test
    void anEmptyRegistryIsSaidSo() {
        observer.answer("GET", "/api/clusters", 200, "[]");

        assertThat(run("list"))
                .isEqualTo("No cluster is registered: add one with ./flotilla cluster add NAME --kubeconfig FILE\n");
    }

    @Test
    void labelReadsTheClustersLabelsAndWritesThemWholeWithTheChanges() throws IOException {
        observer.answer("GET", "/api/clusters", 200, """
                [{"cluster":"eu-3","labels":{"env":"stg","region":"eu","tier":"gold"},"source":"api"}]""");
        observer.answer("PUT", "/api/clusters/eu-3/labels", 200, "{}");

        assertThat(run("label", "eu-3", "env=prod", "tier-", "team=payments"))
                .isEqualTo("Cluster eu-3 is labelled env=prod,region=eu,team=payments (was env=stg,region=eu,"
                        + "tier=gold).\n");

        assertThat(observer.requests()).extracting(RecordingApi.Request::toString).containsExactly(
                "GET /api/clusters",
                "PUT /api/clusters/eu-3/labels {\"labels\":{\"env\":\"prod\",\"region\":\"eu\",\"team\":\"payments\"}}");
        assertThat(observer.requests().get(1).contentType()).isEqualTo("application/json");
    }

    @Test
    void labelMistakesAreNamedAndAnUnknownClusterIsNotWritten() {
        observer.answer("GET", "/api/clusters", 200, "[{\"cluster\":\"dev\",\"labels\":{}}]");

        assertThatThrownBy(() -> run("label", "eu-3"))
                .isInstanceOf(UsageException.class).hasMessageContaining("at least one change");
        assertThatThrownBy(() -> run("label", "eu-3", "env"))
                .isInstanceOf(UsageException.class)
                .hasMessage("'env' is not a label: write key=value to set one, or key- to remove one");
        assertThatThrownBy(() -> run("label", "eu-3", "env=prod", "env-"))
                .isInstanceOf(UsageException.class).hasMessage("label env is both set and removed");
        assertThatThrownBy(() -> run("label", "eu-3", "-env=prod"))
                .isInstanceOf(UsageException.class).hasMessageContaining("label key '-env' is not valid");
        assertThat(observer.requests()).isEmpty();

        assertThatThrownBy(() -> run("label", "eu-3", "env=prod"))
                .isInstanceOf(StackException.class)
                .hasMessage("no cluster named eu-3 is registered (./flotilla cluster list shows those that are)");
        assertThat(observer.requests()).extracting(RecordingApi.Request::method).containsExactly("GET");
    }

    @Test
    void removeAsksToUninstallOnlyWhenTold() {
        observer.answer("DELETE", "/api/clusters/eu-3", 204, "");

        assertThat(run("remove", "eu-3")).isEqualTo("Cluster eu-3 removed: Flotilla stops working on it; what it"
                + " deployed there stays (--uninstall would have removed it).\n");
        assertThat(run("remove", "eu-3", "--uninstall")).isEqualTo("Cluster eu-3 removed: Flotilla stops working on"
                + " it; the applier uninstalls every release it deployed there first.\n");

        assertThat(observer.requests()).extracting(RecordingApi.Request::toString).containsExactly(
                "DELETE /api/clusters/eu-3?uninstall=false", "DELETE /api/clusters/eu-3?uninstall=true");
    }

    @Test
    void anUnknownOrMissingSubcommandIsNamed() {
        assertThatThrownBy(() -> run()).isInstanceOf(UsageException.class)
                .hasMessage("'cluster' takes add, list, label or remove");
        assertThatThrownBy(() -> run("delete", "eu-3")).isInstanceOf(UsageException.class)
                .hasMessage("'cluster delete' is no command: 'cluster' takes add, list, label or remove");
        assertThatThrownBy(() -> run("list", "--all")).isInstanceOf(UsageException.class)
                .hasMessage("'cluster list' has no option --all");
    }

    private String run(String... args) {
        return ClusterCommand.run(List.of(args), observer.endpoint(), NOW);
    }

    /** Two contexts, spare-1 (current) and spare-2, the second's CA in a file beside the kubeconfig. */
    private Path twoContextKubeconfig() throws IOException {
        Files.writeString(dir.resolve("ca-2.crt"), "the CA of spare-2");
        Path kubeconfig = dir.resolve("spare-kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                current-context: spare-1
                clusters:
                - name: spare-1
                  cluster: {server: "https://10.0.0.1:6443"}
                - name: spare-2
                  cluster: {server: "https://10.0.0.2:6443", certificate-authority: ca-2.crt}
                users:
                - name: spare-1
                  user: {token: token-of-spare-1}
                - name: spare-2
                  user: {token: token-of-spare-2}
                contexts:
                - name: spare-1
                  context: {cluster: spare-1, user: spare-1}
                - name: spare-2
                  context: {cluster: spare-2, user: spare-2, namespace: default}
                """);
        return kubeconfig;
    }
}
