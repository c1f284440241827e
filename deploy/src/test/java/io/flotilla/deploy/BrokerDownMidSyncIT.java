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
 * The Kafka broker stopped for 20 s in the middle of a sync of 200 releases and started again on the same port with
 * its data: the applier goes on applying what it has, keeps the outcomes it cannot publish, and converges once the
 * broker is back, nothing lost and nothing applied twice.
 */
class BrokerDownMidSyncIT {

    private static final Duration DOWN = Duration.ofSeconds(20);

    @TempDir
    Path work;

    @Test
    void theSyncConvergesWithEveryOutcomePublishedAfterTheBrokerWasDownFor20Seconds() throws InterruptedException {
        try (ApplierAlone applier = FaultedSync.start(work, "flotilla_it_broker_down")) {
            List<ReleaseKey> releases = FaultedSync.publish(applier);
            FaultedSync.awaitReady(applier, releases, releases.size() / 10);

            applier.stopBroker();
            int readyWhenStopped = applier.ready(releases);
            Thread.sleep(DOWN.toMillis());
            applier.startBroker();

            assertThat(readyWhenStopped).as("releases Ready when the broker stopped").isLessThan(releases.size());
            FaultedSync.assertConverged(applier, releases, "the broker down " + DOWN.toSeconds() + " s from "
                    + readyWhenStopped + " of " + releases.size() + " releases Ready");
            assertThat(applier.deadLetters()).as("records sent to the dead-letter topic").isZero();
        }
    }
}
