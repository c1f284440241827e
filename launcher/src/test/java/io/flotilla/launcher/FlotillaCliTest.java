package io.flotilla.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.launcher.cli.RecordingApi;
import io.flotilla.launcher.config.ConfigLocation;
import io.flotilla.launcher.stack.Service;

/**
 * What scripts rely on: {@code ./flotilla}'s exit codes (0 done, 1 refused or not answered, 2 a mistake in the command
 * line) and where each goes, out or err. The checkout's {@code .env} here points every service at one recording
 * server, so nothing depends on a stack running on this machine.
 */
class FlotillaCliTest {

    final RecordingApi services = new RecordingApi();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path home;

    @BeforeEach
    void pointTheCheckoutAtTheRecordingServer() throws IOException {
        Files.writeString(home.resolve(".env"), Arrays.stream(Service.values())
                .map(service -> service.portVariable() + "=" + services.port()).collect(Collectors.joining("\n")));
        System.setProperty("flotilla.home", home.toString());
        System.setProperty(ConfigLocation.PROPERTY, home.resolve("config").toString());
    }

    @AfterEach
    void stop() {
        System.clearProperty("flotilla.home");
        System.clearProperty(ConfigLocation.PROPERTY);
        services.close();
    }

    @Test
    void aCommandDoneExitsZeroAndPrintsOnOut() {
        services.answer("DELETE", "/api/clusters/eu-3", 204, "");

        assertThat(run("cluster", "remove", "eu-3")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Cluster eu-3 removed");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aRefusalExitsOneWithWhatTheServiceSaid() {
        services.answer("DELETE", "/api/clusters/eu-9", 404, "{\"message\":\"no cluster named 'eu-9' is registered\"}");

        assertThat(run("cluster", "remove", "eu-9")).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("flotilla cluster: DELETE http://localhost:" + services.port()
                + "/api/clusters/eu-9?uninstall=false: the observer answered 404: no cluster named 'eu-9' is"
                + " registered\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aMistakeInTheCommandLineExitsTwoWithTheReasonAndTheHelpAndSendsNothing() {
        assertThat(run("cluster", "add", "eu-3", "--label", "env=prod")).isEqualTo(2);
        assertThat(run("rollout", "resume", "--release", "web")).isEqualTo(2);
        assertThat(run("up", "--spare-clusters", "-1")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("flotilla: 'cluster add' needs --kubeconfig FILE")
                .contains("flotilla: --release 'web' is not a release")
                .contains("flotilla: --spare-clusters takes a number of clusters, 0 or more, not -1")
                .contains("cluster add NAME --kubeconfig FILE").contains("Exit codes: 0 done");
        assertThat(services.requests()).isEmpty();
    }

    @Test
    void theServerInUseInTheConfigFileIsCalledWithItsTokenAndTheLocalStackIsNot() throws IOException {
        try (RecordingApi remote = new RecordingApi()) {
            remote.answer("GET", "/api/releases", 200, "[]");
            Path config = home.resolve("remote-config");
            assertThat(run("--config", config.toString(), "config", "set-server", "remote", "--gateway", remote.url(),
                    "--token", "t0ken-remote")).isZero();

            assertThat(run("--config", config.toString(), "get", "releases")).isZero();
            assertThat(run("--config=" + config, "config", "view")).isZero();

            assertThat(remote.requests()).extracting(RecordingApi.Request::target, RecordingApi.Request::authorization)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("/api/releases", "Bearer t0ken-remote"));
            assertThat(services.requests()).isEmpty();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("token: REDACTED").doesNotContain("t0ken-remote");
        }
        services.answer("GET", "/api/releases", 200, "[]");
        assertThat(run("get", "releases")).as("no config file: the stack here, no token").isZero();
        assertThat(services.requests()).extracting(RecordingApi.Request::authorization).containsExactly((String) null);
    }

    @Test
    void aConfigFileThatCannotBeUsedExitsOneNamingTheFile() throws IOException {
        Files.writeString(home.resolve("config"), "current-context: gone\n");

        assertThat(run("get", "releases")).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("flotilla get: config file " + home.resolve("config")
                + ": current-context 'gone' names no server (servers: )\n");
        assertThat(services.requests()).isEmpty();
    }

    @Test
    void anUnknownRevisionToRollBackToExitsOneWithOneLine() {
        services.answer("POST", "/api/releases/dev/apps/web/rollback", 404,
                "release dev/apps/web has no revision 9 (revisions kept: 1, 2)");

        assertThat(run("rollback", "dev/apps/web", "9")).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("flotilla rollback: POST http://localhost:"
                + services.port() + "/api/releases/dev/apps/web/rollback: the applier answered 404: release"
                + " dev/apps/web has no revision 9 (revisions kept: 1, 2)\n");
    }

    private int run(String... args) {
        return FlotillaCli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
