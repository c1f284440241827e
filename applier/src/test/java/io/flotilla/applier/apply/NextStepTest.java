package io.flotilla.applier.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.flotilla.events.ReleaseFormat;
import io.flotilla.applier.history.ReleaseState;
import io.flotilla.events.CompressedObjects;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseRendered;

class NextStepTest {

    @Test
    void aReleaseNeverAppliedIsApplied() {
        assertThat(NextStep.after(Optional.empty(), rendered("d1"))).isEqualTo(NextStep.APPLY);
    }

    @Test
    void inputsAlreadyAppliedReadyNeedNothing() {
        Optional<ReleaseState> ready = Optional.of(new ReleaseState(3, Outcome.Ready, "d1", null));

        assertThat(NextStep.after(ready, rendered("d1"))).isEqualTo(NextStep.NOTHING);
    }

    @Test
    void changedInputsAreApplied() {
        Optional<ReleaseState> ready = Optional.of(new ReleaseState(3, Outcome.Ready, "d1", null));

        assertThat(NextStep.after(ready, rendered("d2"))).isEqualTo(NextStep.APPLY);
    }

    @Test
    void inputsAppliedBeforeAFailureAreAppliedAgain() {
        Optional<ReleaseState> failed = Optional.of(new ReleaseState(4, Outcome.Failed, "d1", null));

        assertThat(NextStep.after(failed, rendered("d1"))).isEqualTo(NextStep.APPLY);
    }

    @Test
    void aReleaseWithoutInputDigestIsAlwaysApplied() {
        Optional<ReleaseState> ready = Optional.of(new ReleaseState(1, Outcome.Ready, null, null));

        assertThat(NextStep.after(ready, rendered(null))).isEqualTo(NextStep.APPLY);
    }

    @Test
    void aFailedRenderIsRecordedWhateverWasAppliedBefore() {
        ReleaseRendered failed = new ReleaseRendered(new ReleaseKey("dev", "apps", "web"), ReleaseFormat.FLUX_V1,
                "repo", "abc", "releases/dev/web.yaml", null, null, null, null, "d1", 0, null,
                "releases/dev/web.yaml: chart path 'charts/wbe' does not exist");
        Optional<ReleaseState> ready = Optional.of(new ReleaseState(1, Outcome.Ready, "d1", null));

        assertThat(NextStep.after(ready, failed)).isEqualTo(NextStep.RECORD_RENDER_FAILURE);
    }

    @Test
    void aReleaseRemovedFromGitIsUninstalledOnce() {
        ReleaseRendered removed = new ReleaseRendered(new ReleaseKey("dev", "apps", "web"), ReleaseFormat.FLUX_V1,
                "repo", "abc", "releases/dev/web.yaml", null, null, null, null, null, 0, null, null, null, true);

        assertThat(NextStep.after(Optional.of(new ReleaseState(2, Outcome.Failed, "d1", null)), removed))
                .isEqualTo(NextStep.UNINSTALL);
        assertThat(NextStep.after(Optional.of(new ReleaseState(3, Outcome.Uninstalled, "d1", null)), removed))
                .isEqualTo(NextStep.NOTHING);
        assertThat(NextStep.after(Optional.empty(), removed)).isEqualTo(NextStep.NOTHING);
    }

    @Test
    void aSuspendedReleaseIsMarkedSuspendedOnce() {
        ReleaseRendered suspended = new ReleaseRendered(new ReleaseKey("dev", "apps", "web"), ReleaseFormat.FLUX_V1,
                "repo", "abc", "releases/dev/web.yaml", "web", "1.0.0", "c", "v", "d2", 0, null, null,
                new ReleaseOptions(300, true, List.of(), 0, 0, null, List.of(), null, false), false);

        assertThat(NextStep.after(Optional.of(new ReleaseState(1, Outcome.Ready, "d1", null)), suspended))
                .isEqualTo(NextStep.SUSPEND);
        assertThat(NextStep.after(Optional.of(new ReleaseState(2, Outcome.Suspended, "d1", null)), suspended))
                .isEqualTo(NextStep.NOTHING);
    }

    private static ReleaseRendered rendered(String inputDigest) {
        return new ReleaseRendered(new ReleaseKey("dev", "apps", "web"), ReleaseFormat.FLUX_V1, "repo", "abc",
                "releases/dev/web.yaml", "web", "1.0.0", "c", "v", inputDigest, 1,
                CompressedObjects.of(List.of(Map.of("apiVersion", "v1", "kind", "ConfigMap",
                        "metadata", Map.of("name", "web")))), null);
    }
}
