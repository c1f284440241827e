package io.flotilla.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReleaseBuildersTest {

    private static final ReleaseKey KEY = new ReleaseKey("dev", "apps", "podinfo");

    @Test
    void aRenderedReleaseBuiltByNameIsTheOneTheConstructorMakes() {
        List<Map<String, Object>> objects = List.of(Map.of("kind", "ConfigMap"));
        CompressedObjects compressed = CompressedObjects.of(objects);

        ReleaseRendered built = ReleaseRendered.builder().release(KEY).repository("fleet").sourceSha("a1")
                .sourceFile("releases/dev/podinfo.yaml").chart("podinfo", "6.5.0").chartDigest("c").valuesDigest("v")
                .inputDigest("i").objects(compressed, 1).build();

        assertThat(built).isEqualTo(new ReleaseRendered(KEY, ReleaseFormat.FLUX_V2, "fleet", "a1",
                "releases/dev/podinfo.yaml", "podinfo", "6.5.0", "c", "v", "i", 1, compressed, null));
        assertThat(ReleaseRendered.builder().release(KEY).objects(objects).build().objectCount()).isEqualTo(1);
    }

    @Test
    void aRenderedReleaseCopiedToABuilderChangesOnlyWhatIsSet() {
        ReleaseRendered rendered = ReleaseRendered.builder().release(KEY).sourceSha("a1").inputDigest("i")
                .options(ReleaseOptions.builder().suspend(true).build()).build();

        ReleaseRendered removed = rendered.toBuilder().removed(true).build();

        assertThat(removed.removed()).isTrue();
        assertThat(removed.toBuilder().removed(false).build()).isEqualTo(rendered);
    }

    @Test
    void optionsStartFromFluxDefaults() {
        assertThat(ReleaseOptions.builder().build()).isEqualTo(ReleaseOptions.DEFAULTS);
        ReleaseOptions options = ReleaseOptions.builder().timeoutSeconds(60).dependsOn(List.of("apps/db"))
                .driftDetection(DriftMode.WARN).build();
        assertThat(options.toBuilder().build()).isEqualTo(options);
        assertThat(options.crds()).isEqualTo(CrdPolicy.CREATE);
    }

    @Test
    void anOutcomeTakesItsCommitFileChartAndDigestFromTheRendering() {
        ReleaseRendered rendered = ReleaseRendered.builder().release(KEY).sourceSha("a1")
                .sourceFile("releases/dev/podinfo.yaml").chart("podinfo", "6.5.0").inputDigest("i").build();
        Instant now = Instant.parse("2026-11-24T10:15:30Z");

        ReleaseApplied applied = ReleaseApplied.builder().of(rendered).revision(2).outcome(Outcome.Ready)
                .appliedAt(now).build();

        assertThat(applied).isEqualTo(new ReleaseApplied(KEY, 2, Outcome.Ready, "a1", "releases/dev/podinfo.yaml",
                "podinfo", "6.5.0", "i", List.of(), 0, now, null));
        assertThat(applied.toBuilder().build()).isEqualTo(applied);
    }
}
