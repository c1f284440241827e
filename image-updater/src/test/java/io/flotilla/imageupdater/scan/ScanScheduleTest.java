package io.flotilla.imageupdater.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flotilla.imageupdater.registry.ImageRepository;

/** When repositories are scanned: at once when followed, each interval, sooner after failures, at once on a push. */
class ScanScheduleTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final ScanKey APP = new ScanKey(ImageRepository.parse("ghcr.io/org/app", false), null);

    @Test
    void aRepositoryIsScannedWhenFollowedThenEachInterval() {
        ScanSchedule schedule = new ScanSchedule(Duration.ofSeconds(10), Duration.ofMinutes(5));
        schedule.follow(Map.of(APP, Duration.ofMinutes(1)), T0);

        assertThat(schedule.takeDue(T0)).containsExactly(APP);
        assertThat(schedule.takeDue(T0)).as("being scanned").isEmpty();
        schedule.succeeded(APP, T0);
        assertThat(schedule.takeDue(T0.plusSeconds(59))).isEmpty();
        assertThat(schedule.takeDue(T0.plusSeconds(60))).containsExactly(APP);
    }

    @Test
    void failuresAreRetriedAfterADoublingPauseNeverLaterThanTheInterval() {
        ScanSchedule schedule = new ScanSchedule(Duration.ofSeconds(10), Duration.ofMinutes(5));
        schedule.follow(Map.of(APP, Duration.ofSeconds(30)), T0);

        schedule.takeDue(T0);
        assertThat(schedule.failed(APP, T0)).hasSeconds(10);
        schedule.takeDue(T0.plusSeconds(10));
        assertThat(schedule.failed(APP, T0)).hasSeconds(20);
        schedule.takeDue(T0.plusSeconds(20));
        assertThat(schedule.failed(APP, T0)).as("the interval").hasSeconds(30);
        schedule.takeDue(T0.plusSeconds(30));
        schedule.succeeded(APP, T0);
        schedule.takeDue(T0.plusSeconds(30));
        assertThat(schedule.failed(APP, T0)).as("counted from the first failure again").hasSeconds(10);
    }

    @Test
    void aPushMakesARepositoryDueAtOnceAndOneBeingScannedRunsAgainAfter() {
        ScanSchedule schedule = new ScanSchedule(Duration.ofSeconds(10), Duration.ofMinutes(5));
        schedule.follow(Map.of(APP, Duration.ofHours(1)), T0);
        schedule.takeDue(T0);

        assertThat(schedule.dueNow(APP::equals, T0.plusSeconds(1))).containsExactly(APP);
        schedule.succeeded(APP, T0.plusSeconds(2));

        assertThat(schedule.takeDue(T0.plusSeconds(2))).containsExactly(APP);
    }
}
