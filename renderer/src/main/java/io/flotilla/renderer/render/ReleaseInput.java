package io.flotilla.renderer.render;

import io.flotilla.renderer.chart.ChartCache;
import io.flotilla.renderer.chart.ChartFolder;
import io.flotilla.renderer.chart.ChartNotFoundException;
import io.flotilla.renderer.digest.Digests;
import io.flotilla.renderer.release.DeclaredRelease;
import io.flotilla.renderer.release.DeclaredRelease.HelmChart;
import io.flotilla.renderer.release.DeclaredRelease.Invalid;
import io.flotilla.renderer.release.DeclaredRelease.Manifests;
import io.flotilla.renderer.source.CommitSnapshot;

/**
 * What a release is rendered from at one commit, known before anything is rendered: its chart (or its
 * documents) and its values, with their digests; or why it cannot be rendered.
 *
 * @param chart        the chart folder, null for plain manifests or when the chart is missing
 * @param chartDigest  the chart's Git tree id; for plain manifests the digest of the documents
 * @param valuesDigest the digest of the inline values; null for plain manifests
 * @param error        set when the release cannot be rendered: the file, the object and the reason
 */
record ReleaseInput(DeclaredRelease release, ChartFolder chart, String chartDigest, String valuesDigest,
        String error) {

    static ReleaseInput of(DeclaredRelease release, CommitSnapshot snapshot, ChartCache charts) {
        if (release.content() instanceof Invalid invalid) {
            return new ReleaseInput(release, null, null, null, invalid.error());
        }
        if (release.content() instanceof Manifests manifests) {
            return new ReleaseInput(release, null, Digests.canonical(manifests.objects()), null, null);
        }
        HelmChart helm = (HelmChart) release.content();
        String valuesDigest = Digests.canonical(helm.values());
        try {
            ChartFolder chart = charts.locate(snapshot, helm.chart());
            return new ReleaseInput(release, chart, chart.digest(), valuesDigest, null);
        } catch (ChartNotFoundException e) {
            return new ReleaseInput(release, null, null, valuesDigest, helm.origin() + ": " + e.getMessage());
        }
    }

    boolean failed() {
        return error != null;
    }

    String chartName() {
        return chart == null ? null : chart.name();
    }

    String chartVersion() {
        return chart == null ? null : chart.version();
    }
}
