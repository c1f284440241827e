package io.flotilla.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.events.ReleaseKey;
import io.flotilla.testing.applier.ApplierAlone;

/**
 * The applier killed with {@code kill -9} in the middle of a sync of 200 releases (100 on each of two clusters) and
 * started again: what it had applied stays applied once, what it had not is applied, and every revision's outcome
 * reaches the applied topic, also one whose revision was recorded just before the kill and not yet published
 * (sent again from the outbox, so an outcome may come twice; the test prints how many did).
 */
class ApplierKilledMidSyncIT {

    @TempDir
    Path work;

    @Test
    void everyReleaseIsReadyOnceWithItsOutcomePublishedAfterTheApplierIsKilledAndStartedAgain() {
        try (ApplierAlone applier = FaultedSync.start(work, "flotilla_it_applier_killed")) {
            List<ReleaseKey> releases = FaultedSync.publish(applier);
            FaultedSync.awaitReady(applier, releases, releases.size() / 4);

            applier.applier().kill();
            int readyWhenKilled = applier.ready(releases);
            applier.applier().start(Duration.ofSeconds(180));

            assertThat(readyWhenKilled).as("releases Ready when the applier was killed").isLessThan(releases.size());
            FaultedSync.assertConverged(applier, releases, "kill -9 at " + readyWhenKilled + " of "
                    + releases.size() + " releases Ready");
        }
    }
}
