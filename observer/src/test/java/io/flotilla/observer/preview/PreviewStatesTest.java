package io.flotilla.observer.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flotilla.events.ObjectRef;
import io.flotilla.events.PreviewChecked;
import io.flotilla.events.PreviewKey;
import io.flotilla.events.PreviewPlanned;
import io.flotilla.events.ReleaseKey;

/**
 * A preview is requested until its plan comes, rendered until every release that rendered was checked, then complete;
 * it passes only with nothing refused, breaking rules, failing to render or unchecked.
 */
class PreviewStatesTest {

    private static final PreviewKey KEY = PreviewKey.ofPullRequest("fleet", "bump", 7);
    private static final ReleaseKey WEB = new ReleaseKey("dev", "apps", "web");
    private static final ReleaseKey DB = new ReleaseKey("dev", "apps", "db");
    private static final PreviewPlanned PLAN = new PreviewPlanned(KEY, "b2c3d4", List.of(
            new PreviewPlanned.PlannedRelease(WEB, PreviewPlanned.Change.CHANGED, "releases/dev/web.yaml", null),
            new PreviewPlanned.PlannedRelease(DB, PreviewPlanned.Change.REMOVED, "releases/dev/db.yaml", null)), 3,
            null);

    @Test
    void requestedThenRenderedThenCompleteWhenEveryReleaseThatRenderedIsChecked() {
        assertThat(preview(null, Map.of()).state()).isEqualTo(PreviewState.REQUESTED);
        assertThat(preview(PLAN, Map.of(WEB, check(WEB, PreviewChecked.Change.UPDATE, List.of()))).state())
                .isEqualTo(PreviewState.RENDERED);
        Preview complete = preview(PLAN, Map.of(WEB, check(WEB, PreviewChecked.Change.UPDATE, List.of()),
                DB, check(DB, PreviewChecked.Change.DELETE, List.of())));
        assertThat(complete.state()).isEqualTo(PreviewState.COMPLETE);
        assertThat(complete.passes()).isTrue();
        assertThat(complete.summary()).isEqualTo("2 releases change");
    }

    @Test
    void aReleaseThatDoesNotRenderIsNotWaitedForAndTheCompletePreviewFails() {
        PreviewPlanned plan = new PreviewPlanned(KEY, "b2c3d4", List.of(
                new PreviewPlanned.PlannedRelease(WEB, PreviewPlanned.Change.CHANGED, "releases/dev/web.yaml", null),
                new PreviewPlanned.PlannedRelease(DB, PreviewPlanned.Change.CHANGED, "releases/dev/db.yaml",
                        "releases/dev/db.yaml: chart 'charts/dbb' does not exist")), 0, null);

        Preview preview = preview(plan, Map.of(WEB, check(WEB, PreviewChecked.Change.UPDATE, List.of())));

        assertThat(preview.state()).isEqualTo(PreviewState.COMPLETE);
        assertThat(preview.passes()).isFalse();
        assertThat(preview.summary()).isEqualTo("1 release changes, 1 not rendering");
    }

    @Test
    void aRefusalOrAViolationFailsTheCompletePreview() {
        Preview refused = preview(PLAN, Map.of(WEB, check(WEB, PreviewChecked.Change.REFUSED, List.of()),
                DB, check(DB, PreviewChecked.Change.DELETE, List.of())));
        Preview violating = preview(PLAN, Map.of(WEB, check(WEB, PreviewChecked.Change.UPDATE, List.of("no")),
                DB, check(DB, PreviewChecked.Change.DELETE, List.of())));

        assertThat(refused.passes()).isFalse();
        assertThat(refused.refused()).isEqualTo(1);
        assertThat(violating.passes()).isFalse();
        assertThat(violating.violating()).isEqualTo(1);
    }

    @Test
    void aClosedPreviewIsClosedWhateverCame() {
        Preview closed = new Preview(Preview.idOf(KEY), KEY, "b2c3d4", "main", "Bump", "Ada", Instant.EPOCH, true,
                PLAN, Map.of());

        assertThat(closed.state()).isEqualTo(PreviewState.CLOSED);
        assertThat(closed.passes()).isFalse();
    }

    @Test
    void theIdIsShortStableAndDiffersPerPreview() {
        assertThat(Preview.idOf(KEY)).hasSize(16).isEqualTo(Preview.idOf(PreviewKey.ofPullRequest("fleet", "other", 7)))
                .isNotEqualTo(Preview.idOf(PreviewKey.ofBranch("fleet", "bump")));
    }

    private static Preview preview(PreviewPlanned plan, Map<ReleaseKey, PreviewChecked> checks) {
        return new Preview(Preview.idOf(KEY), KEY, "b2c3d4", "main", "Bump", "Ada", Instant.EPOCH, false, plan, checks);
    }

    private static PreviewChecked check(ReleaseKey release, PreviewChecked.Change change, List<String> violations) {
        return new PreviewChecked(KEY, "b2c3d4", release, List.of(new PreviewChecked.ObjectChange(
                new ObjectRef("v1", "ConfigMap", release.namespace(), release.name()), change, List.of(),
                change == PreviewChecked.Change.REFUSED ? "denied" : null)), violations, null);
    }
}
