package io.flotilla.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.events.EventCodec;
import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.stack.StackException;

/**
 * The command line's side of {@code suspend}, {@code resume} and {@code rollback}: what it asks the applier and what
 * it prints. The applier's endpoints are answered as the applier documents them ({@code SuspensionsResource},
 * {@code RollbackResource}); the applier's own tests run them for real.
 */
class SuspendAndRollbackCommandsTest {

    final RecordingApi applier = new RecordingApi();

    @AfterEach
    void stop() {
        applier.close();
    }

    @Test
    void aReleaseIsSuspendedWithWhoAndWhyAndResumed() {
        applier.answer("POST", "/api/releases/dev/apps/web/suspend", 200, """
                {"release": "dev/apps/web", "by": "alice", "at": "2026-12-06T16:00:00Z", "reason": "audit"}""");
        applier.answer("POST", "/api/releases/dev/apps/web/resume", 200, """
                {"release": "dev/apps/web", "by": "alice", "at": "2026-12-06T16:00:00Z", "reason": "audit"}""");

        String suspended = SuspendCommand.run("suspend", List.of("release", "dev/apps/web", "--reason", "audit",
                "--by", "alice"), applier.endpoint());
        String resumed = SuspendCommand.run("resume", List.of("release", "dev/apps/web"), applier.endpoint());

        assertThat(suspended).isEqualTo("Suspended dev/apps/web (suspended by alice at 2026-12-06T16:00:00Z: audit):"
                + " nothing is applied to it until './flotilla resume release dev/apps/web', which applies the newest"
                + " rendering.\n");
        assertThat(resumed).isEqualTo("Resumed dev/apps/web (it was suspended by alice at 2026-12-06T16:00:00Z:"
                + " audit): its newest rendering is applied now.\n");
        assertThat(applier.requests()).extracting(RecordingApi.Request::toString).containsExactly(
                "POST /api/releases/dev/apps/web/suspend {\"by\":\"alice\",\"reason\":\"audit\"}",
                "POST /api/releases/dev/apps/web/resume");
    }

    @Test
    void everyReleaseOfAClusterIsSuspendedByTheUserRunningTheCommandAndResumed() {
        applier.answer("POST", "/api/clusters/prod/suspend", 200, """
                [{"release": "prod/apps/web", "by": "bob", "at": "2026-12-06T16:00:00Z", "reason": null},
                 {"release": "prod/apps/db", "by": "bob", "at": "2026-12-06T16:00:00Z", "reason": null}]""");
        applier.answer("POST", "/api/clusters/prod/resume", 200, "[]");
        String user = System.getProperty("user.name");

        String suspended = SuspendCommand.run("suspend", List.of("--cluster", "prod"), applier.endpoint());
        String resumed = SuspendCommand.run("resume", List.of("release", "--cluster", "prod"), applier.endpoint());

        assertThat(suspended).isEqualTo("Suspended 2 releases on cluster prod (suspended by bob at"
                + " 2026-12-06T16:00:00Z): prod/apps/web, prod/apps/db.\n");
        assertThat(resumed).isEqualTo("No release on cluster prod was suspended.\n");
        assertThat(applier.requests()).extracting(RecordingApi.Request::toString).containsExactly(
                "POST /api/clusters/prod/suspend {\"by\":\"" + user + "\"}", "POST /api/clusters/prod/resume");
    }

    @Test
    void theSuspendedReleasesAreListedWithWhoSinceWhenAndWhy() throws Exception {
        applier.answer("GET", "/api/suspensions", 200, """
                [{"release": "dev/apps/web", "by": "alice", "at": "2026-12-06T15:00:00Z", "reason": "audit"},
                 {"release": "dev/apps/db", "by": "bob", "at": "2026-12-06T15:58:00Z", "reason": null}]""");
        Instant now = Instant.parse("2026-12-06T16:00:00Z");

        String table = SuspendCommand.list(List.of("--cluster", "dev"), applier.endpoint(), now);
        JsonNode json = EventCodec.mapper().readTree(SuspendCommand.list(List.of("-o", "json"), applier.endpoint(),
                now));

        assertThat(table).isEqualTo("""
                RELEASE       BY     SINCE   REASON
                dev/apps/web  alice  1h ago  audit
                dev/apps/db   bob    2m ago  -
                """);
        assertThat(json.findValuesAsText("release")).containsExactly("dev/apps/web", "dev/apps/db");
        assertThat(applier.requests()).extracting(RecordingApi.Request::target)
                .containsExactly("/api/suspensions?cluster=dev", "/api/suspensions");
    }

    @Test
    void anUnknownReleaseIsTheAppliersOneLineRefusalAndAMistakeSendsNothing() {
        applier.answer("POST", "/api/releases/dev/apps/nope/suspend", 404,
                "release dev/apps/nope is unknown to the applier");

        assertThatThrownBy(() -> SuspendCommand.run("suspend", List.of("dev/apps/nope"), applier.endpoint()))
                .isInstanceOf(StackException.class).hasMessage("POST " + applier.url()
                        + "/api/releases/dev/apps/nope/suspend: the applier answered 404: release dev/apps/nope is"
                        + " unknown to the applier");
        assertThatThrownBy(() -> SuspendCommand.run("suspend", List.of("dev/apps/web", "--cluster", "dev"),
                applier.endpoint())).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> SuspendCommand.run("resume", List.of("dev/apps/web", "--reason", "x"),
                applier.endpoint())).isInstanceOf(UsageException.class).hasMessage("'resume release' has no option"
                        + " --reason");
        assertThat(applier.requests()).hasSize(1);
    }

    @Test
    void aRollbackAsksForTheRevisionAndPrintsTheOneItRecorded() {
        applier.answer("POST", "/api/releases/dev/apps/web/rollback", 200, """
                {"release": "dev/apps/web", "revision": 4, "outcome": "Ready", "message": "Rollback to 1"}""");

        String printed = RollbackCommand.run(List.of("dev/apps/web", "1"), applier.endpoint());

        assertThat(printed).isEqualTo("Rolled back dev/apps/web to revision 1 as revision 4, Ready: Rollback to 1.\n");
        assertThat(applier.requests()).extracting(RecordingApi.Request::toString)
                .containsExactly("POST /api/releases/dev/apps/web/rollback {\"revision\":1}");
    }

    @Test
    void aRollbackToAnUnknownRevisionOrOneThatFailedIsAnErrorAndAMistakeSendsNothing() {
        applier.answer("POST", "/api/releases/dev/apps/web/rollback", 404,
                "release dev/apps/web has no revision 9 (revisions kept: 1, 2, 3)");
        assertThatThrownBy(() -> RollbackCommand.run(List.of("dev/apps/web", "9"), applier.endpoint()))
                .isInstanceOf(StackException.class).hasMessageEndingWith("the applier answered 404: release"
                        + " dev/apps/web has no revision 9 (revisions kept: 1, 2, 3)");

        applier.answer("POST", "/api/releases/dev/apps/web/rollback", 200, """
                {"release": "dev/apps/web", "revision": 4, "outcome": "Failed",
                 "message": "Rollback to 1 failed: ConfigMap apps/web: forbidden"}""");
        assertThatThrownBy(() -> RollbackCommand.run(List.of("dev/apps/web", "1"), applier.endpoint()))
                .isInstanceOf(StackException.class).hasMessage("release dev/apps/web was not rolled back to revision 1:"
                        + " revision 4, Failed: Rollback to 1 failed: ConfigMap apps/web: forbidden");

        assertThatThrownBy(() -> RollbackCommand.run(List.of("dev/apps/web", "latest"), applier.endpoint()))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("a revision is a whole number");
        assertThatThrownBy(() -> RollbackCommand.run(List.of("dev/apps/web"), applier.endpoint()))
                .isInstanceOf(UsageException.class);
        assertThat(applier.requests()).hasSize(2);
    }
}
