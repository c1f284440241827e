package io.flotilla.applier.health;

import static io.flotilla.applier.health.LiveObject.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A CronJob is healthy once created, suspended when told to schedule nothing. */
class CronJobHealthTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("cronJobs")
    void aSuspendedCronJobIsSuspended(String situation, String live, Health expected) {
        assertThat(LiveObject.health("batch/v1", "CronJob", live)).isEqualTo(expected);
    }

    static Stream<Arguments> cronJobs() {
        return Stream.of(
                row("scheduling", """
                        {"spec": {"schedule": "*/5 * * * *"}}""", Health.HEALTHY),
                row("with a Job running", """
                        {"spec": {"schedule": "*/5 * * * *", "suspend": false},
                         "status": {"active": [{"kind": "Job", "name": "report-1"}]}}""", Health.HEALTHY),
                row("suspended", """
                        {"spec": {"schedule": "*/5 * * * *", "suspend": true}}""",
                        Health.suspended("spec.suspend is true: no Job is scheduled")));
    }
}
