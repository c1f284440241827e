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

import io.flotilla.launcher.stack.StackException;

/**
 * {@code get previews} and {@code describe preview}: what they ask the observer, what they print for people (refusals
 * and their reasons first), and that {@code -o json|yaml} gives every field the API gave.
 */
class PreviewCommandTest {

    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    static final String ID = "7db89572127d78ab";
    static final String PREVIEWS = """
            [{"id":"7db89572127d78ab","preview":"https://github.com/acme/fleet.git#7",
              "repository":"https://github.com/acme/fleet.git","branch":"bump-web","pullRequest":7,
              "sha":"b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1","baseBranch":"main","title":"Bump web","author":"Ada",
              "requestedAt":"2026-12-06T11:55:00Z","state":"COMPLETE",
              "summary":"2 releases change, 1 refused, 1 breaking tenant rules","releasesChanged":2,"unchanged":41,
              "refused":1,"violating":1,"renderErrors":0,"checkErrors":0,"passes":false},
             {"id":"0011223344556677","preview":"https://github.com/acme/fleet.git@try-db",
              "repository":"https://github.com/acme/fleet.git","branch":"try-db","pullRequest":0,
              "sha":"a1a2a3a4a5a6a7a8a9a0b1b2b3b4b5b6b7b8b9b0","baseBranch":null,"title":"Try db","author":"Bo",
              "requestedAt":"2026-12-06T10:00:00Z","state":"REQUESTED","summary":"waiting for the renderer",
              "releasesChanged":0,"unchanged":0,"refused":0,"violating":0,"renderErrors":0,"checkErrors":0,
              "passes":false}]
            """;
    static final String DETAIL = """
            {"preview":{"id":"7db89572127d78ab","preview":"https://github.com/acme/fleet.git#7",
              "repository":"https://github.com/acme/fleet.git","branch":"bump-web","pullRequest":7,
              "sha":"b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1","baseBranch":"main","title":"Bump web","author":"Ada",
              "requestedAt":"2026-12-06T11:55:00Z","state":"COMPLETE",
              "summary":"2 releases change, 1 refused, 1 breaking tenant rules","releasesChanged":2,"unchanged":41,
              "refused":1,"violating":1,"renderErrors":0,"checkErrors":0,"passes":false},
             "error":null,
             "clusters":[
              {"cluster":"dev","releases":[{"cluster":"dev","namespace":"apps","name":"web","change":"CHANGED",
                "sourceFile":"releases/dev/web.yaml","renderError":null,"checked":true,"checkError":null,
                "objects":[{"object":{"apiVersion":"apps/v1","kind":"Deployment","namespace":"apps","name":"web"},
                            "change":"REFUSED","fields":[],"reason":"containers must not run as root"},
                           {"object":{"apiVersion":"v1","kind":"ConfigMap","namespace":"apps","name":"web"},
                            "change":"UPDATE","fields":["/data/greeting"],"reason":null}],
                "refusals":[{"object":"Deployment apps/web","reason":"containers must not run as root"}],
                "violations":[],"unchangedObjects":1}]},
              {"cluster":"prod","releases":[{"cluster":"prod","namespace":"payments","name":"web","change":"ADDED",
                "sourceFile":"releases/prod/web.yaml","renderError":null,"checked":true,"checkError":null,
                "objects":[{"object":{"apiVersion":"apps/v1","kind":"Deployment","namespace":"payments","name":"web"},
                            "change":"CREATE","fields":[],"reason":null}],
                "refusals":[],"violations":["namespace payments is not tenant team-a's"],"unchangedObjects":0}]}]}
            """;

    final RecordingApi observer = new RecordingApi();

    @AfterEach
    void stop() {
        observer.close();
    }

    @Test
    void getPreviewsListsEachWithItsStateAndCountsAndPrintsEveryFieldAsJsonOrYaml() throws Exception {
        observer.answer("GET", "/api/previews", 200, PREVIEWS);

        String table = GetCommand.run(List.of("previews"), observer.endpoint(), NOW);
        String json = GetCommand.run(List.of("previews", "-o", "json"), observer.endpoint(), NOW);
        String yaml = GetCommand.run(List.of("preview", "-oyaml"), observer.endpoint(), NOW);

        assertThat(table.lines().toList()).hasSize(3);
        assertThat(table.lines().findFirst().orElseThrow()).startsWith("ID").contains("PREVIEW", "COMMIT", "STATE",
                "CHANGED", "REFUSED", "VIOLATING", "RENDER ERRORS", "ASKED");
        assertThat(table).containsPattern("7db89572127d78ab +https://github.com/acme/fleet.git#7 +b2c3d4e +"
                + "COMPLETE \\(fails\\) +2 +1 +1 +0 +5m")
                .containsPattern("0011223344556677 +https://github.com/acme/fleet.git@try-db +a1a2a3a +REQUESTED +0");
        JsonNode parsed = new ObjectMapper().readTree(json);
        assertThat(parsed).hasSize(2);
        assertThat(parsed.get(0).path("summary").asText()).isEqualTo("2 releases change, 1 refused, 1 breaking tenant rules");
        assertThat(new ObjectMapper(new YAMLFactory()).readTree(yaml)).isEqualTo(parsed);
        assertThat(observer.requests()).extracting(RecordingApi.Request::target).containsOnly("/api/previews");
    }

    @Test
    void describePreviewShowsRefusalsWithTheirReasonsFirstThenEachCluster() throws Exception {
        observer.answer("GET", "/api/previews", 200, PREVIEWS);
        observer.answer("GET", "/api/previews/" + ID, 200, DETAIL);

        String text = DescribeCommand.run(List.of("preview", ID), observer.endpoint(), observer.endpoint(), NOW);
        String byName = DescribeCommand.run(List.of("preview", "https://github.com/acme/fleet.git#7"),
                observer.endpoint(), observer.endpoint(), NOW);
        String json = DescribeCommand.run(List.of("preview", ID, "-o", "json"), observer.endpoint(),
                observer.endpoint(), NOW);

        assertThat(text).contains("Preview:    https://github.com/acme/fleet.git#7  (7db89572127d78ab)",
                "Commit:     b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1  (into main)",
                "State:      COMPLETE (fails): 2 releases change, 1 refused, 1 breaking tenant rules",
                "Refused and breaking rules:\n"
                        + "  dev/apps/web  refused  Deployment apps/web: containers must not run as root\n"
                        + "  prod/payments/web  breaks tenant rules: namespace payments is not tenant team-a's\n",
                "Cluster dev:\n");
        assertThat(text).containsPattern("apps/web +changed +refused Deployment apps/web; update ConfigMap apps/web "
                + "\\(/data/greeting\\)");
        assertThat(text.indexOf("Refused and breaking rules")).isLessThan(text.indexOf("Cluster dev"));
        assertThat(byName).isEqualTo(text);
        assertThat(new ObjectMapper().readTree(json)).isEqualTo(new ObjectMapper().readTree(DETAIL));
    }

    @Test
    void anUnknownPreviewIsAnErrorThatSaysWhereToLook() {
        observer.answer("GET", "/api/previews", 200, PREVIEWS);

        assertThatThrownBy(() -> DescribeCommand.run(List.of("preview", "ffffffffffffffff"), observer.endpoint(),
                observer.endpoint(), NOW)).isInstanceOf(StackException.class)
                .hasMessage("preview ffffffffffffffff is unknown to Flotilla (./flotilla get previews lists them)");
        assertThatThrownBy(() -> DescribeCommand.run(List.of("preview", "fleet#99"), observer.endpoint(),
                observer.endpoint(), NOW)).isInstanceOf(StackException.class)
                .hasMessage("preview fleet#99 is unknown to Flotilla (./flotilla get previews lists them)");
        assertThatThrownBy(() -> DescribeCommand.run(List.of("preview"), observer.endpoint(), observer.endpoint(),
                NOW)).isInstanceOf(Arguments.UsageException.class);
    }
}
