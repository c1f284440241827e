package io.flotilla.applier.reconcile;

import static io.flotilla.applier.Manifests.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flotilla.applier.Manifests;
import io.flotilla.applier.Renders;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.CompressedObjects;

class DesiredReleaseTest {

    @Test
    void carriesTheRenderedObjectsDecoded() {
        DesiredRelease desired = DesiredRelease.of(Renders.chart(Desired.WEB, "d1",
                List.of(configMap("web", null, Map.of()))));

        assertThat(desired.objects()).containsExactly(configMap("web", null, Map.of()));
        assertThat(desired.failed()).isFalse();
    }

    @Test
    void objectsThatCannotBeReadMakeAReleaseThatFailedNamingItsFile() {
        DesiredRelease desired = DesiredRelease.of(Renders.chart(Desired.WEB, "d1", List.of()).toBuilder()
                .objects(new CompressedObjects("bm90IGd6aXA="), 1).build());

        assertThat(desired.error()).startsWith("releases/dev/web.yaml: rendered objects are not gzipped JSON");
        assertThat(desired.objects()).isEmpty();
    }

    @Test
    void aRollbackKeepsTheReleaseButTakesTheEarlierObjects() {
        DesiredRelease upgrade = DesiredRelease.of(Renders.chart(Desired.WEB, "d2",
                List.of(configMap("web", null, Map.of("v", "2")))));

        DesiredRelease rollback = upgrade.withObjects(List.of(configMap("web", null, Map.of("v", "1"))));

        assertThat(rollback.objects()).containsExactly(configMap("web", null, Map.of("v", "1")));
        assertThat(rollback.release()).isEqualTo(upgrade.release());
        assertThat(rollback.inputDigest()).isEqualTo("d2");
    }

    @Test
    void carriesHowManyObjectsAreTheChartsCrdsButNotIntoTheObjectsOfAnEarlierRevision() {
        DesiredRelease upgrade = DesiredRelease.of(Renders.chart(Desired.WEB, "d2", List.of(Manifests.widgetDefinition(),
                configMap("web", null, Map.of("v", "2")))).toBuilder().chartCrds(1).build());

        DesiredRelease rollback = upgrade.withObjects(List.of(configMap("web", null, Map.of("v", "1"))));

        assertThat(upgrade.chartCrds()).isEqualTo(1);
        assertThat(rollback.chartCrds()).isZero();
    }
}
