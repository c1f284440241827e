package io.flotilla.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.stack.StackException;

/**
 * The command line's reading verbs, {@code get}, {@code describe} and {@code history}: what they ask the observer
 * and the applier, what they print for people, and that {@code -o json|yaml} gives scripts every field the APIs
 * gave, parsed back as such.
 */
class ReadingCommandsTest {

    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static final String RELEASES = """
            [{"cluster":"dev","namespace":"apps","name":"web","revision":3,"status":"Failed","chart":"web",
              "chartVersion":"1.2.0","sourceSha":"a1b2c3d4e5","appliedAt":"2026-12-06T11:58:00Z",
              "message":"Deployment apps/web: 0 of 2 replicas ready after 300s: image registry.example.com/web:9.9 cannot be pulled (ErrImagePull) and the rollout was halted by its progress deadline",
              "reconciledAt":"2026-12-06T11:59:30Z","reconcileTrigger":"interval","reconcileMessage":"retried"},
             {"cluster":"dev","namespace":"apps","name":"db","revision":1,"status":"Ready","chart":"db",
              "chartVersion":"2.0.0","sourceSha":"a1b2c3d4e5","appliedAt":"2026-12-06T11:00:00Z","message":null,
              "tenant":"data"},
             {"cluster":"prod","namespace":"apps","name":"web","revision":2,"status":"Ready","chart":"web",
              "chartVersion":"1.1.0","sourceSha":"f0e1d2c3b4","appliedAt":"2026-12-05T12:00:00Z","message":null}]
            """;
    static final String HISTORY = """
            [{"revision":2,"outcome":"Ready","sourceSha":"0011223344","sourceFile":"releases/dev/web.yaml",
              "chart":"web","chartVersion":"1.1.0","message":null,"appliedAt":"2026-12-06T10:00:00Z","durationMs":812},
             {"revision":3,"outcome":"Failed","sourceSha":"a1b2c3d4e5","sourceFile":"releases/dev/web.yaml",
              "chart":"web","chartVersion":"1.2.0","message":"0 of 2 replicas ready","appliedAt":"2026-12-06T11:58:00Z",
              "durationMs":300412}]
            """;

    static final String EVENTS = """
            [{"id":"e2","type":"ReleaseApplied","time":"2026-12-06T11:58:00Z","source":"applier",
              "key":"dev/apps/web","correlationId":"c1","payload":{"outcome":"Failed","revision":3,
              "error":"0 of 2 replicas ready"}},
             {"id":"e1","type":"ReleaseRendered","time":"2026-12-06T11:57:00Z","source":"renderer",
              "key":"dev/apps/web","correlationId":"c1","payload":{"sourceSha":"a1b2c3d4e5"}}]
            """;

    final RecordingApi observer = new RecordingApi();
    final RecordingApi applier = new RecordingApi();

    @AfterEach
    void stop() {
        observer.close();
        applier.close();
    }

    @Test
    void getReleasesNarrowsByClusterAndStatusAndPrintsEveryFieldAsJsonOrYaml() throws Exception {
        observer.answer("GET", "/api/releases", 200, RELEASES);

        String failed = GetCommand.run(List.of("releases", "--status", "failed", "-o", "json"), observer.endpoint(), NOW);
        String dev = GetCommand.run(List.of("releases", "--cluster", "dev"), observer.endpoint(), NOW);
        String prodYaml = GetCommand.run(List.of("releases", "--cluster=prod", "-oyaml"), observer.endpoint(), NOW);
        String none = GetCommand.run(List.of("releases", "--namespace", "nowhere", "-o", "json"), observer.endpoint(), NOW);
        String data = GetCommand.run(List.of("releases", "--tenant", "data", "-o", "json"), observer.endpoint(), NOW);

        assertThat(JSON.readTree(data)).singleElement().satisfies(release -> {
            assertThat(release.path("name").asText()).isEqualTo("db");
            assertThat(release.path("tenant").asText()).isEqualTo("data");
        });
        JsonNode parsed = JSON.readTree(failed);
        assertThat(parsed).hasSize(1);
        assertThat(parsed.get(0).path("name").asText()).isEqualTo("web");
        assertThat(parsed.get(0).path("reconcileTrigger").asText()).as("a field the table leaves out")
                .isEqualTo("interval");
        assertThat(dev).contains("CLUSTER", "dev  ", "web", "Failed", "web-1.2.0", "db", "Ready")
                .doesNotContain("prod").contains("1 of 2 releases ready");
        assertThat(YAML.readTree(prodYaml)).isEqualTo(JSON.createArrayNode().add(JSON.readTree(RELEASES).get(2)));
        assertThat(JSON.readTree(none)).isEmpty();
        assertThat(observer.requests()).extracting(RecordingApi.Request::toString).containsOnly("GET /api/releases");
    }

    @Test
    void getClustersPrintsTheRegistryAsATableOrYaml() throws Exception {
        String clusters = """
                [{"cluster":"dev","labels":{"env":"dev"},"source":"configuration","server":"https://dev:6443",
                  "registeredAt":"2026-12-06T10:00:00Z","reachability":"Reachable",
                  "bootstrap":{"ready":2,"total":3,"allReadyAfterSeconds":null}}]""";
        observer.answer("GET", "/api/clusters", 200, clusters);

        String table = GetCommand.run(List.of("clusters"), observer.endpoint(), NOW);
        String yaml = GetCommand.run(List.of("clusters", "-o", "yaml"), observer.endpoint(), NOW);

        assertThat(table).contains("NAME", "dev", "env=dev", "yes", "2/3", "1 cluster, 1 reachable");
        assertThat(YAML.readTree(yaml)).isEqualTo(JSON.readTree(clusters));
    }

    @Test
    void historyListsTheRevisionsNewestFirstWithTheirWholeMessage() throws Exception {
        applier.answer("GET", "/api/releases/dev/apps/web/history", 200, HISTORY);

        String table = HistoryCommand.run(List.of("dev/apps/web"), applier.endpoint(), NOW);
        String json = HistoryCommand.run(List.of("dev/apps/web", "-o", "json"), applier.endpoint(), NOW);

        assertThat(table.lines().toList()).satisfiesExactly(
                header -> assertThat(header).startsWith("REVISION  OUTCOME"),
                newest -> assertThat(newest).startsWith("3").contains("Failed", "a1b2c3d", "web-1.2.0", "2m ago",
                        "300412ms", "0 of 2 replicas ready"),
                older -> assertThat(older).startsWith("2").contains("Ready", "0011223", "812ms"));
        assertThat(JSON.readTree(json)).extracting(revision -> revision.path("revision").asInt()).containsExactly(3, 2);
    }

    @Test
    void anUnknownReleaseIsAOneLineErrorAndABadNameOrOutputAMistakeOfTheCommandLine() {
        assertThatThrownBy(() -> HistoryCommand.run(List.of("dev/apps/nope"), applier.endpoint(), NOW))
                .isInstanceOf(StackException.class).hasMessageStartingWith("release dev/apps/nope has no revision");
        observer.answer("GET", "/api/releases", 200, RELEASES);
        assertThatThrownBy(() -> DescribeCommand.run(List.of("release", "dev/apps/nope"), observer.endpoint(),
                applier.endpoint(), NOW)).isInstanceOf(StackException.class)
                .hasMessage("release dev/apps/nope is unknown to Flotilla (./flotilla get releases lists those it knows)");
        assertThatThrownBy(() -> HistoryCommand.run(List.of("web"), applier.endpoint(), NOW))
                .isInstanceOf(UsageException.class)
                .hasMessage("a release is named <cluster>/<namespace>/<name>, not 'web'");
        assertThatThrownBy(() -> GetCommand.run(List.of("releases", "-o", "xml"), observer.endpoint(), NOW))
                .isInstanceOf(UsageException.class).hasMessage("-o takes table, json or yaml, not 'xml'");
        assertThatThrownBy(() -> GetCommand.run(List.of("pods"), observer.endpoint(), NOW))
                .isInstanceOf(UsageException.class).hasMessage("'get' takes releases, clusters or previews, not 'pods'");
    }

    @Test
    void logsListTheReleasesEventsNewestFirstWithTheirCorrelationIds() throws Exception {
        observer.answer("GET", "/api/releases/dev/apps/web/history", 200, EVENTS)
                .answer("GET", "/api/releases/dev/apps/nope/history", 200, "[]");

        String table = LogsCommand.run(List.of("dev/apps/web"), observer.endpoint(), NOW);
        JsonNode json = JSON.readTree(LogsCommand.run(List.of("dev/apps/web", "-o", "json"), observer.endpoint(), NOW));

        assertThat(table.lines().toList()).satisfiesExactly(
                header -> assertThat(header).startsWith("AGE").contains("EVENT", "FROM", "CORRELATION", "WHAT"),
                applied -> assertThat(applied).contains("2m ago", "ReleaseApplied", "applier", "c1",
                        "Failed r3: 0 of 2 replicas ready"),
                rendered -> assertThat(rendered).contains("3m ago", "ReleaseRendered", "renderer", "c1",
                        "commit a1b2c3d"));
        assertThat(json).extracting(event -> event.path("id").asText()).containsExactly("e2", "e1");
        assertThatThrownBy(() -> LogsCommand.run(List.of("dev/apps/nope"), observer.endpoint(), NOW))
                .isInstanceOf(StackException.class).hasMessageStartingWith("release dev/apps/nope has no event");
    }

    @Test
    void describeShowsTheWholeMessageTheDriftWithWhoChangedItTheRevisionsAndTheEvents() throws Exception {
        observer.answer("GET", "/api/releases", 200, RELEASES)
                .answer("GET", "/api/drift", 200, """
                        [{"cluster":"dev","namespace":"apps","name":"web","revision":3,"mode":"report",
                          "foundAt":"2026-12-06T11:59:00Z","objects":[{"object":{"apiVersion":"apps/v1",
                          "kind":"Deployment","namespace":"apps","name":"web"},"fields":["/spec/replicas"],
                          "deleted":false,"manager":"kubectl-edit","changedAt":"2026-12-06T11:59:00Z"}]},
                         {"cluster":"prod","namespace":"apps","name":"web","revision":2,"mode":"report",
                          "foundAt":"2026-12-06T11:59:00Z","objects":[]}]""")
                .answer("GET", "/api/releases/dev/apps/web/history", 200, EVENTS);
        applier.answer("GET", "/api/releases/dev/apps/web/history", 200, HISTORY);

        String text = DescribeCommand.run(List.of("release", "dev/apps/web"), observer.endpoint(), applier.endpoint(), NOW);
        JsonNode json = JSON.readTree(DescribeCommand.run(List.of("release", "dev/apps/web", "-o", "json"),
                observer.endpoint(), applier.endpoint(), NOW));

        assertThat(text).contains("Release:    dev/apps/web", "Status:     Failed (revision 3)",
                "Commit:     a1b2c3d  (releases/dev/web.yaml)", "Reconciled: 30s ago (interval): retried",
                "and the rollout was halted by its progress deadline",
                "Deployment apps/web  /spec/replicas  (by kubectl-edit, 1m ago)",
                "Failed r3: 0 of 2 replicas ready", "commit a1b2c3d");
        assertThat(json.fieldNames()).toIterable().containsExactly("release", "revisions", "drift", "events");
        assertThat(json.path("drift")).hasSize(1);
        assertThat(json.path("revisions").get(0).path("revision").asInt()).isEqualTo(3);
    }
}
