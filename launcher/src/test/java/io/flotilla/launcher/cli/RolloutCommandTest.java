package io.flotilla.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.flotilla.launcher.cli.Arguments.UsageException;

/**
 * The command line's side of {@code ./flotilla rollout}: the applier's held renderings ({@code GET /api/rollouts})
 * as a table, and what {@code resume} asks ({@code POST /api/rollouts/resume}).
 */
class RolloutCommandTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    final RecordingApi applier = new RecordingApi();

    @AfterEach
    void stop() {
        applier.close();
    }

    @Test
    void statusShowsEachHeldRenderingHaltedOnesApartFromThoseWaiting() {
        applier.answer("GET", "/api/rollouts", 200, """
                [{"release":"apps/web","cluster":"prod-eu","rollout":"common","wave":2,"waveName":"prod","halted":true,
                  "blockingCluster":"stg","reason":"apps/web failed on stg at commit order 41:\\n ImagePullBackOff",
                  "commitOrder":41,"since":"2026-12-01T11:58:00Z"},
                 {"release":"apps/api","cluster":"stg","rollout":"common","wave":1,"waveName":"stg","halted":false,
                  "blockingCluster":"dev","reason":"apps/api Ready on dev for 20s of 2m soak","commitOrder":41,
                  "since":"2026-12-01T11:59:40Z"}]""");

        assertThat(run("status")).isEqualTo("""
                RELEASE           ROLLOUT  WAVE  STATE    WAITS FOR  HELD     REASON
                prod-eu/apps/web  common   prod  halted   stg        2m ago   apps/web failed on stg at commit order 41: ImagePullBackOff
                stg/apps/api      common   stg   waiting  dev        20s ago  apps/api Ready on dev for 20s of 2m soak

                2 renderings held, 1 halted: fix the release on the wave before, or ./flotilla rollout resume [--release ns/name] [--cluster c]
                """);
    }

    @Test
    void statusWithNothingHeldSaysSo() {
        applier.answer("GET", "/api/rollouts", 200, "[]");

        assertThat(run("status")).isEqualTo("No rollout is held: every rendering has passed its wave gate.\n");
    }

    @Test
    void resumeAsksForEveryHaltedRenderingOrThoseOfAReleaseAndACluster() {
        applier.answer("POST", "/api/rollouts/resume", 200, "{\"resumed\":[\"prod-eu/apps/web\",\"prod-us/apps/web\",\"prod-eu/apps/api\"]}");

        assertThat(run("resume")).isEqualTo("Resumed 3 renderings (every halted rollout): the applier applies each on its"
                + " wave now.\n");
        applier.answer("POST", "/api/rollouts/resume", 200, "{\"resumed\":[\"prod-eu/apps/web\"]}");
        assertThat(run("resume", "--release", "apps/web", "--cluster", "prod-eu")).isEqualTo("Resumed 1 rendering"
                + " (the held renderings of release apps/web on cluster prod-eu): the applier applies each on its"
                + " wave now.\n");

        assertThat(applier.requests()).extracting(RecordingApi.Request::toString).containsExactly(
                "POST /api/rollouts/resume {}",
                "POST /api/rollouts/resume {\"release\":\"apps/web\",\"cluster\":\"prod-eu\"}");
    }

    @Test
    void mistakesAreNamedBeforeAnythingIsAsked() {
        assertThatThrownBy(() -> run("resume", "--release", "prod/apps/web")).isInstanceOf(UsageException.class)
                .hasMessage("--release 'prod/apps/web' is not a release: write <namespace>/<name>, such as apps/web");
        assertThatThrownBy(() -> run("resume", "--cluster", "Prod EU")).isInstanceOf(UsageException.class)
                .hasMessageContaining("cluster name 'Prod EU' is not valid");
        assertThatThrownBy(() -> run("resume", "--all")).isInstanceOf(UsageException.class)
                .hasMessage("'rollout resume' has no option --all");
        assertThatThrownBy(() -> run()).isInstanceOf(UsageException.class)
                .hasMessage("'rollout' takes status or resume");
        assertThatThrownBy(() -> run("pause")).isInstanceOf(UsageException.class)
                .hasMessage("'rollout pause' is no command: 'rollout' takes status or resume");
        assertThat(applier.requests()).isEmpty();
    }

    private String run(String... args) {
        return RolloutCommand.run(List.of(args), applier.endpoint(), NOW);
    }
}
