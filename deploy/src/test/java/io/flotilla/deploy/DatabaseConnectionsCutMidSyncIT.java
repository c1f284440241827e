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
 * PostgreSQL going away under the applier in the middle of a sync of 200 releases. The machine's PostgreSQL is shared
 * with other tests, so it is not restarted: every connection the applier holds to its database is ended
 * ({@code pg_terminate_backend}, what a restart does to a client) again and again for a few seconds. Each failed
 * write is tried again with its record unacknowledged; nothing goes to the dead-letter topic, nothing is lost, and
 * nothing is applied twice.
 */
class DatabaseConnectionsCutMidSyncIT {

    private static final Duration CUTTING = Duration.ofSeconds(6);

    @TempDir
    Path work;

    @Test
    void theSyncConvergesWithNoDeadLetterAfterTheApplierLosesItsDatabaseConnectionsAgainAndAgain()
            throws InterruptedException {
        try (ApplierAlone applier = FaultedSync.start(work, "flotilla_it_database_cut")) {
            List<ReleaseKey> releases = FaultedSync.publish(applier);
            FaultedSync.awaitReady(applier, releases, releases.size() / 10);

            int readyWhenCut = applier.ready(releases);
            int ended = 0;
            long until = System.nanoTime() + CUTTING.toNanos();
            while (System.nanoTime() < until) {
                ended += applier.terminateApplierConnections();
                Thread.sleep(200);
            }

            assertThat(readyWhenCut).as("releases Ready when the connections were first ended")
                    .isLessThan(releases.size());
            assertThat(ended).as("connections of the applier ended").isPositive();
            FaultedSync.assertConverged(applier, releases, ended + " database connections ended from "
                    + readyWhenCut + " of " + releases.size() + " releases Ready");
            assertThat(applier.deadLetters()).as("records sent to the dead-letter topic").isZero();
        }
    }
}
