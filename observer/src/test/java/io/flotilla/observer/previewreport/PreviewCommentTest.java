package io.flotilla.observer.previewreport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.flotilla.events.ObjectRef;
import io.flotilla.events.PreviewChecked;
import io.flotilla.events.PreviewKey;
import io.flotilla.events.PreviewPlanned;
import io.flotilla.events.ReleaseKey;
import io.flotilla.observer.preview.Preview;

/** The comment a pull request gets stays readable however much the branch changes: long lists are cut and counted. */
class PreviewCommentTest {

    private static final PreviewKey KEY = PreviewKey.ofPullRequest("fleet", "bump-all", 7);
    private static final String LINK = "https://flotilla.example.com/previews/" + Preview.idOf(KEY);

    @Test
    void longListsOfReleasesObjectsAndFieldsAreCutWithACountAndTheDashboardsLink() {
        List<PreviewPlanned.PlannedRelease> planned = new ArrayList<>();
        Map<ReleaseKey, PreviewChecked> checks = new HashMap<>();
        for (int i = 0; i < 60; i++) {
            ReleaseKey release = new ReleaseKey("dev", "apps", String.format("app-%02d", i));
            planned.add(new PreviewPlanned.PlannedRelease(release, PreviewPlanned.Change.CHANGED,
                    "releases/dev/app.yaml", null));
            List<PreviewChecked.ObjectChange> objects = IntStream.range(0, 14).mapToObj(n -> new PreviewChecked
                    .ObjectChange(new ObjectRef("v1", "ConfigMap", "apps", release.name() + "-" + n),
                            PreviewChecked.Change.UPDATE, IntStream.range(0, 8).mapToObj(f -> "/data/key" + f).toList(),
                            null)).toList();
            checks.put(release, new PreviewChecked(KEY, "a1b2c3d4e5f6", release, objects, List.of(), null));
        }
        Preview preview = new Preview(Preview.idOf(KEY), KEY, "a1b2c3d4e5f6", "main", "Bump all", "Ada",
                Instant.parse("2026-12-06T12:00:00Z"), false,
                new PreviewPlanned(KEY, "a1b2c3d4e5f6", planned, 3, null), checks);

        String comment = PreviewComment.of(preview, LINK);

        assertThat(comment).startsWith("<!-- flotilla-preview " + Preview.idOf(KEY) + " -->\n"
                + "### ✅ Flotilla preview of `a1b2c3d4e5`\n\n**60 releases change**, 3 unchanged · [open the preview]("
                + LINK + ")\n");
        assertThat(comment).contains("| `apps/app-49` |").doesNotContain("| `apps/app-50` |")
                .contains("… and 10 more releases on [the dashboard](" + LINK + ").")
                .contains("update ConfigMap apps/app-00-9 (`/data/key0`, `/data/key1`, `/data/key2`, `/data/key3`,"
                        + " `/data/key4` +3 more)<br>… 4 more objects |")
                .doesNotContain("app-00-10");
        assertThat(comment.length()).isLessThan(PreviewComment.LENGTH);
    }

    @Test
    void aReasonCannotBreakTheTableOrWriteHtml() {
        assertThat(PreviewComment.cell("a | b\n<script>")).isEqualTo("a \\| b &lt;script&gt;");
    }
}
