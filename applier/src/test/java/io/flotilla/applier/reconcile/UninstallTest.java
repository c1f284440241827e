package io.flotilla.applier.reconcile;

import static io.flotilla.applier.reconcile.Desired.CONFIG;
import static io.flotilla.applier.reconcile.Desired.WORKLOAD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.flotilla.applier.Renders;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.Outcome;

class UninstallTest {

    @Test
    void deletesWhatTheReleaseHasOnItsCluster() {
        ScriptedCluster cluster = new ScriptedCluster();

        ActionResult result = new Uninstall(cluster).reconcile(new ActionRequest(
                DesiredRelease.of(Renders.removed(Desired.WEB)), List.of(CONFIG, WORKLOAD), progress -> { }));

        assertThat(result.report().outcome()).isEqualTo(Outcome.Uninstalled);
        assertThat(cluster.uninstalls).containsExactly(List.of(CONFIG, WORKLOAD));
        assertThat(cluster.applies).isEmpty();
    }
}
