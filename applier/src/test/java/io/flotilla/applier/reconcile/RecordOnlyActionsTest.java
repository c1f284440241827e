package io.flotilla.applier.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.flotilla.applier.Renders;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.Outcome;

class RecordOnlyActionsTest {

    @Test
    void aSuspendedReleaseIsSuspendedWithoutTouchingItsCluster() {
        Suspend suspend = new Suspend(new RememberedHistory());
        ActionResult result = suspend.reconcile(new ActionRequest(Desired.web("d1"), List.of(), progress -> { }));

        assertThat(result.report().outcome()).isEqualTo(Outcome.Suspended);
        assertThat(result.report().error()).as("spec.suspend says it all").isNull();
        assertThat(suspend.type().needsCluster()).isFalse();
    }

    @Test
    void aReleaseThatCouldNotBeRenderedFailsWithTheRenderersReason() {
        DesiredRelease failed = DesiredRelease.of(Renders.failed(Desired.WEB, "d1",
                "releases/dev/web.yaml: chart path 'charts/wbe' does not exist"));

        ActionResult result = new RecordRenderFailure().reconcile(new ActionRequest(failed, List.of(), progress -> { }));

        assertThat(result.report().outcome()).isEqualTo(Outcome.Failed);
        assertThat(result.report().error()).isEqualTo("releases/dev/web.yaml: chart path 'charts/wbe' does not exist");
        assertThat(result.report().objects()).isEmpty();
        assertThat(new RecordRenderFailure().type().needsCluster()).isFalse();
    }
}
