package io.flotilla.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.events.EventCodec;
import io.flotilla.launcher.FlotillaCli;
import io.flotilla.launcher.stack.StackState;
import io.flotilla.testing.fixtures.HelmReleaseYaml;
import io.flotilla.testing.git.GitRepo;

/**
 * The command line against a running stack, as a user drives a remote Flotilla: a config file names the stack's
 * observer and applier ({@code config set-server}), then every verb runs in turn on a release of this class's own,
 * its JSON output parsed and its exit code checked.
 */
@OnSharedStack
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandLineAgainstStackIT {

    private static final Duration ARRIVAL = Duration.ofSeconds(90);
    private static final String RELEASE = "dev/cli/web";

    private static GitRepo repo;
    private static Path config;

    @BeforeAll
    static void watchFleet(SharedStack shared) {
        Path work = shared.folder(CommandLineAgainstStackIT.class);
        repo = EndToEndFleet.repository(work);
        writeRelease("1.0.0");
        EndToEndFleet.commit(repo, "The command line's release");
        shared.watch("command-line", repo.dir().toString());
        StackState stack = shared.state();
        config = work.resolve("config");
        int applierPort = stack.members().stream().filter(member -> member.name().equals("applier")).findFirst()
                .orElseThrow().port();
        Run added = flotilla("config", "set-server", "e2e", "--observer", stack.observerUrl(), "--applier",
                "http://localhost:" + applierPort, "--token", stack.apiToken());
        assertThat(added.exit()).as(added.err()).isZero();
    }

    @AfterAll
    static void closeRepository() {
        if (repo != null) {
            repo.close();
        }
    }

    @Test
    @Order(1)
    void getReleasesAndClustersShowTheReleaseReadyOnItsCluster() {
        await().atMost(ARRIVAL).untilAsserted(() -> assertThat(json("get", "releases", "--cluster", "dev",
                "--namespace", "cli", "-o", "json")).anySatisfy(release -> {
                    assertThat(release.path("name").asText()).isEqualTo("web");
                    assertThat(release.path("status").asText()).isEqualTo("Ready");
                }));

        assertThat(json("get", "clusters", "-o", "json")).extracting(cluster -> cluster.path("cluster").asText())
                .contains("dev", "prod");
        Run table = flotilla("get", "releases", "--cluster", "dev", "--namespace", "cli");
        assertThat(table.exit()).isZero();
        assertThat(table.out()).contains("NAMESPACE").contains("web").contains("Ready");
    }

    @Test
    @Order(2)
    void describeHistoryLogsAndDiffTellOfTheReleaseAsApplied() {
        JsonNode described = json("describe", "release", RELEASE, "-o", "json");
        assertThat(described.path("release").path("status").asText()).isEqualTo("Ready");
        assertThat(described.path("revisions")).isNotEmpty();

        JsonNode history = json("history", RELEASE, "-o", "json");
        assertThat(history.get(0).path("revision").asInt()).isEqualTo(1);
        assertThat(history.get(0).path("outcome").asText()).isEqualTo("Ready");
        assertThat(history.get(0).path("sourceFile").asText()).isEqualTo("releases/dev/web.yaml");

        assertThat(json("logs", RELEASE, "-o", "json")).extracting(event -> event.path("type").asText())
                .contains("ReleaseRendered", "ReleaseApplied");

        Run diff = flotilla("diff", RELEASE);
        assertThat(diff.exit()).as(diff.out() + diff.err()).isZero();
        assertThat(diff.out()).contains("nothing would change");
    }

    @Test
    @Order(3)
    void reconcileWaitsUntilTheReleaseWasReconciled() {
        Run reconcile = flotilla("reconcile", RELEASE, "--wait", "--timeout", "60s");

        assertThat(reconcile.exit()).as(reconcile.out() + reconcile.err()).isZero();
        assertThat(reconcile.out()).contains(RELEASE);
    }

    @Test
    @Order(4)
    void aSuspendedReleaseIsListedWithItsReasonUntilResumed() {
        Run suspend = flotilla("suspend", "release", RELEASE, "--reason", "end-to-end check", "--by", "e2e");
        assertThat(suspend.exit()).as(suspend.err()).isZero();

        assertThat(json("suspensions", "--cluster", "dev", "-o", "json")).anySatisfy(suspension -> {
            assertThat(suspension.path("release").asText()).isEqualTo(RELEASE);
            assertThat(suspension.path("reason").asText()).isEqualTo("end-to-end check");
            assertThat(suspension.path("by").asText()).isEqualTo("e2e");
        });

        Run resume = flotilla("resume", "release", RELEASE);
        assertThat(resume.exit()).as(resume.err()).isZero();
        assertThat(json("suspensions", "--cluster", "dev", "-o", "json"))
                .noneSatisfy(suspension -> assertThat(suspension.path("release").asText()).isEqualTo(RELEASE));
    }

    @Test
    @Order(5)
    void rollbackAddsARevisionWithTheEarlierObjects() {
        writeRelease("1.1.0");
        String sha = EndToEndFleet.commit(repo, "web to 1.1.0");
        await().atMost(ARRIVAL).untilAsserted(() -> {
            JsonNode newest = json("history", RELEASE, "-o", "json").get(0);
            assertThat(newest.path("sourceSha").asText()).isEqualTo(sha);
            assertThat(newest.path("outcome").asText()).isEqualTo("Ready");
        });
        int before = json("history", RELEASE, "-o", "json").get(0).path("revision").asInt();

        Run rollback = flotilla("rollback", RELEASE, "1");
        assertThat(rollback.exit()).as(rollback.out() + rollback.err()).isZero();

        JsonNode newest = json("history", RELEASE, "-o", "json").get(0);
        assertThat(newest.path("revision").asInt()).isEqualTo(before + 1);
        assertThat(newest.path("outcome").asText()).isEqualTo("Ready");
        assertThat(newest.path("message").asText()).isEqualTo("Rollback to 1");
    }

    @Test
    @Order(6)
    void anUnknownReleaseIsOneLineAndExitCodeOne() {
        Run unknown = flotilla("describe", "release", "dev/cli/nowhere");

        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err().strip()).hasLineCount(1).contains("dev/cli/nowhere");
        assertThat(flotilla("get", "releases", "--output", "xml").exit()).isEqualTo(2);
    }

    private static void writeRelease(String tag) {
        repo.write("releases/dev/web.yaml", HelmReleaseYaml.fluxV1("cli", "web", "charts/hello",
                HelmReleaseYaml.releaseName("web") + HelmReleaseYaml.imageTag(tag)));
    }

    private static JsonNode json(String... args) {
        Run run = flotilla(args);
        assertThat(run.exit()).as("flotilla %s: %s", String.join(" ", args), run.err()).isZero();
        try {
            return EventCodec.mapper().readTree(run.out());
        } catch (IOException e) {
            throw new UncheckedIOException("flotilla " + String.join(" ", args) + " printed no JSON: " + run.out(), e);
        }
    }

    /** {@code ./flotilla --config <this class's config> ARGS...}, run in this JVM. */
    private static Run flotilla(String... args) {
        List<String> line = new ArrayList<>(List.of("--config", config.toString()));
        line.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = FlotillaCli.run(line, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exit, String out, String err) {
    }
}
