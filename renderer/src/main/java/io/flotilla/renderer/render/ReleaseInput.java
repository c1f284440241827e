package io.flotilla.renderer.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import io.flotilla.git.outbound.OutboundPolicy;
import io.flotilla.git.outbound.OutboundRefusedException;
import io.flotilla.renderer.chart.ChartFolder;
import io.flotilla.renderer.chart.ChartNotFoundException;
import io.flotilla.renderer.digest.Digests;
import io.flotilla.renderer.release.DeclaredRelease;
import io.flotilla.renderer.release.DeclaredRelease.HelmChart;
import io.flotilla.renderer.release.DeclaredRelease.Invalid;
import io.flotilla.renderer.release.DeclaredRelease.Manifests;
import io.flotilla.renderer.release.ChartLocation;
import io.flotilla.renderer.release.HelmValues;
import io.flotilla.renderer.release.InvalidFieldException;
import io.flotilla.renderer.release.ValuesLayer;
import io.flotilla.renderer.release.ValuesLayer.ChartFile;
import io.flotilla.renderer.release.ValuesLayer.External;
import io.flotilla.renderer.release.ValuesLayer.Read;
import io.flotilla.renderer.source.CommitSnapshot;

/**
 * What a release is rendered from at one commit, known before anything is rendered: its chart (or its
 * documents) and its values, with their digests; or why it cannot be rendered.
 *
 * @param chart         the chart folder, null for plain manifests or when the chart is missing
 * @param chartSnapshot the commit the chart is a folder of (this one or another repository's), null for a
 *                      packaged chart
 * @param chartDigest  the chart's digest ({@link ChartFolder#digest()}); for plain manifests the digest of the
 *                     documents
 * @param values       the values given to Helm: {@code valuesFrom} in order, then the inline values over them
 * @param valuesDigest the digest of those values; null for plain manifests
 * @param error        set when the release cannot be rendered: the file, the object and the reason
 */
record ReleaseInput(DeclaredRelease release, ChartFolder chart, CommitSnapshot chartSnapshot, String chartDigest,
        Map<String, Object> values, String valuesDigest, String error) {

    /**
     * @param maxValuesBytes the largest values a release may give Helm, as JSON: larger values fail the release
     *                       before Helm spends minutes on them
     */
    static ReleaseInput of(DeclaredRelease release, CommitCharts charts, long maxValuesBytes) {
        if (release.content() instanceof Invalid invalid) {
            return new ReleaseInput(release, null, null, null, null, null, invalid.error());
        }
        if (release.content() instanceof Manifests manifests) {
            return new ReleaseInput(release, null, null, Digests.canonical(manifests.objects()), null, null, null);
        }
        HelmChart helm = (HelmChart) release.content();
        CommitCharts.Located located;
        try {
            located = charts.locate(helm.chart(), helm.dependencyLogins());
        } catch (ChartNotFoundException e) {
            return new ReleaseInput(release, null, null, null, null, null, helm.origin() + ": " + e.getMessage());
        }
        ChartFolder chart = located.chart();
        try {
            Map<String, Object> values = Map.of();
            for (ValuesLayer layer : helm.valuesFrom()) {
                values = HelmValues.merge(values, read(layer, chart, located.snapshot(), charts.outbound(),
                        maxValuesBytes));
            }
            values = HelmValues.merge(values, helm.values());
            String json = Digests.canonicalJson(values);
            long size = json.getBytes(StandardCharsets.UTF_8).length;
            if (size > maxValuesBytes) {
                return new ReleaseInput(release, chart, located.snapshot(), chart.digest(), null, null,
                        helm.origin() + ": values are " + Sizes.of(size) + ", more than the " + Sizes.of(maxValuesBytes)
                                + " limit (flotilla.renderer.max-values-bytes); move large data out of the values");
            }
            return new ReleaseInput(release, chart, located.snapshot(), chart.digest(), values, Digests.sha256(json),
                    null);
        } catch (InvalidFieldException e) {
            return new ReleaseInput(release, chart, located.snapshot(), chart.digest(), null, null,
                    helm.origin() + ": " + e.getMessage());
        }
    }

    /** The values of a layer read when rendering; a missing optional one is no values. */
    private static Map<String, Object> read(ValuesLayer layer, ChartFolder chart, CommitSnapshot snapshot,
            OutboundPolicy outbound, long maxValuesBytes) throws InvalidFieldException {
        if (layer instanceof Read read) {
            return read.values();
        }
        Optional<String> text;
        boolean optional;
        String what;
        if (layer instanceof ChartFile && !chart.inCommit()) {
            throw new InvalidFieldException(layer.field() + ": chart files are read from charts in Git only");
        }
        if (layer instanceof ChartFile file) {
            optional = file.optional();
            what = "chart file '" + file.path() + "'";
            String inChart = chart.folder().isEmpty() ? file.path() : chart.folder() + "/" + file.path();
            Optional<String> path = new ChartLocation(inChart, layer.field()).folder()
                    .filter(resolved -> chart.folder().isEmpty() || resolved.startsWith(chart.folder() + "/"));
            if (path.isEmpty()) {
                throw new InvalidFieldException(layer.field() + ": " + what + " points outside the chart");
            }
            text = snapshot.isFile(path.get()) ? Optional.of(snapshot.readText(path.get())) : Optional.empty();
        } else {
            External external = (External) layer;
            optional = external.optional();
            what = external.url();
            try {
                text = ValuesDownload.fetch(external.url(), outbound, maxValuesBytes);
            } catch (OutboundRefusedException e) {
                throw new InvalidFieldException(layer.field() + ": " + e.getMessage());
            } catch (IOException e) {
                if (optional) {
                    return Map.of();
                }
                throw new InvalidFieldException(layer.field() + ": " + e.getMessage());
            }
        }
        if (text.isEmpty()) {
            if (optional) {
                return Map.of();
            }
            throw new InvalidFieldException(layer.field() + ": " + what + " does not exist");
        }
        try {
            return HelmValues.parse(text.get());
        } catch (InvalidFieldException e) {
            throw new InvalidFieldException(layer.field() + ": " + what + " " + e.getMessage());
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
