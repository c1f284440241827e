package io.flotilla.applier.release;

import java.util.List;
import java.util.Map;

import io.flotilla.events.CompressedChart;
import io.flotilla.events.EventCodec;
import io.flotilla.events.EventFormatException;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.Rollout;
import io.flotilla.events.Tenant;

/**
 * What a release should be on its cluster: where it came from, its objects decoded, and what it asks of the
 * applier. Made from a {@code ReleaseRendered} at the Kafka edge, or from the history when a revision's objects
 * are applied again (a rollback, a drift correction). Either {@code objects} are given or {@code error} says why
 * the release could not be rendered.
 *
 * @param objects     the rendered objects, as the renderer wrote them; empty when the release failed or was removed
 * @param removed     the release is gone from Git, or no longer targets the cluster: it is to be uninstalled
 * @param commitOrder the order of the commit it was rendered from; 0 for objects applied again from the history
 * @param rollout     its place in a rollout of waves, whose gate it passes before it is applied; null outside one
 * @param chartCrds   how many of the objects, at their start, are CustomResourceDefinitions of the chart's {@code crds/}
 *                    folders, applied as the release's CRD policies say; 0 for objects applied again from the history
 * @param values      the values Helm rendered the chart with, for Helm's release record; empty when not carried
 * @param chart       the chart as Helm's release record keeps it; null when not carried (no chart, or too large)
 * @param notes       the chart's notes as Helm rendered them, for Helm's release record; null when none
 * @param tenant      the tenant whose folders declare the release, which bounds what it may apply and who it is
 *                    applied as (kept when its objects are applied again: a rollback, a drift correction); null for
 *                    the platform team's releases, and for a drift correction of a release whose rendering is not kept
 */
public record DesiredRelease(
        ReleaseKey release,
        ReleaseFormat format,
        String sourceSha,
        String sourceFile,
        String chartName,
        String chartVersion,
        String inputDigest,
        List<Map<String, Object>> objects,
        String error,
        ReleaseOptions options,
        boolean removed,
        long commitOrder,
        Rollout rollout,
        int chartCrds,
        Map<String, Object> values,
        CompressedChart chart,
        String notes,
        Tenant tenant) {

    public DesiredRelease {
        objects = objects == null ? List.of() : List.copyOf(objects);
        values = values == null ? Map.of() : values;
        options = options == null ? ReleaseOptions.DEFAULTS : options;
    }

    /** The release as the renderer desired it, from the envelope of its rendering as the history keeps it. */
    public static DesiredRelease decode(String renderedEnvelope) {
        return of(EventCodec.decode(renderedEnvelope, ReleaseRendered.class).payload());
    }

    /**
     * The release as the renderer desired it. Objects that cannot be decompressed make it a release that failed
     * to render, recorded as such, rather than a record no one can process.
     */
    public static DesiredRelease of(ReleaseRendered rendered) {
        List<Map<String, Object>> objects;
        Map<String, Object> values;
        String error = rendered.error();
        try {
            objects = rendered.objects() == null ? List.of() : rendered.objects().objects();
            values = rendered.values() == null ? Map.of() : rendered.values().values();
        } catch (EventFormatException e) {
            objects = List.of();
            values = Map.of();
            error = rendered.sourceFile() + ": " + e.getMessage();
        }
        return new DesiredRelease(rendered.release(), rendered.format(), rendered.sourceSha(), rendered.sourceFile(),
                rendered.chartName(), rendered.chartVersion(), rendered.inputDigest(), objects, error,
                rendered.options(), rendered.removed(), rendered.commitOrder(), rendered.rollout(),
                rendered.chartCrds(), values, rendered.chart(), rendered.notes(), rendered.tenant());
    }

    /**
     * Objects of a Ready revision, applied again as they were rendered to undo drift: plain objects with the
     * default options, no chart and no Helm record, applied as the release is (its tenant, its service account).
     *
     * @param taken the newest rendering of the release; null when none is kept
     */
    public static DesiredRelease restoring(ReleaseKey release, List<Map<String, Object>> objects,
            DesiredRelease taken) {
        ReleaseOptions options = taken == null ? ReleaseOptions.DEFAULTS
                : ReleaseOptions.builder().serviceAccount(taken.options().serviceAccount()).build();
        return new DesiredRelease(release, ReleaseFormat.MANIFESTS, null, null, null, null, null, objects, null,
                options, false, 0, null, 0, Map.of(), null, null, taken == null ? null : taken.tenant());
    }

    /**
     * This release with the objects of an earlier revision instead of its own, to roll back to them. Which of them
     * came from the chart's {@code crds/} is not recorded: a rollback applies them all, as that revision had them.
     * Nor are that revision's values, chart and notes: Helm's record of the rollback keeps those of this rendering.
     */
    public DesiredRelease withObjects(List<Map<String, Object>> earlier) {
        return new DesiredRelease(release, format, sourceSha, sourceFile, chartName, chartVersion, inputDigest,
                earlier, null, options, false, commitOrder, rollout, 0, values, chart, notes, tenant);
    }

    /**
     * This release to be uninstalled though Git still has it: its cluster left the fleet asking for it. It keeps its
     * commit order, so that it is not older than the rendering taken, and passes no wave gate.
     */
    public DesiredRelease withdrawn() {
        return new DesiredRelease(release, format, sourceSha, sourceFile, chartName, chartVersion, inputDigest,
                List.of(), null, options, true, commitOrder, null, 0, values, chart, notes, tenant);
    }

    public boolean failed() {
        return error != null;
    }
}
