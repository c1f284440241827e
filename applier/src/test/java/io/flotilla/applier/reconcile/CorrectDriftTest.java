package io.flotilla.applier.reconcile;

import static io.flotilla.applier.Manifests.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseFormat;

class CorrectDriftTest {

    @Test
    void appliesTheDriftedObjectsAgainAsRenderedPruningNothingAndWaitingForNothing() {
        ScriptedCluster cluster = new ScriptedCluster();
        DesiredRelease drifted = DesiredRelease.restoring(Desired.WEB,
                List.of(configMap("web", null, Map.of("v", "1"))), null);

        ActionResult result = new CorrectDrift(cluster).reconcile(new ActionRequest(drifted, List.of(), progress -> {
            throw new AssertionError("a drift correction waits for nothing");
        }));

        assertThat(result.report().outcome()).isEqualTo(Outcome.Ready);
        assertThat(cluster.applies).singleElement().satisfies(applied -> {
            assertThat(applied.desired().objects()).containsExactly(configMap("web", null, Map.of("v", "1")));
            assertThat(applied.desired().format()).isEqualTo(ReleaseFormat.MANIFESTS);
            assertThat(applied.inventory()).isEmpty();
        });
    }
}
