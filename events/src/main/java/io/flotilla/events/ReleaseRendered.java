package io.flotilla.events;

import java.util.List;
import java.util.Map;

/**
 * The desired state of one release on one cluster at one commit. Either {@code objects} is set
 * (rendered) or {@code error} is (the release could not be rendered: the file, the object and the
 * reason); an error never carries objects, so the applier never acts on a half render.
 *
 * @param format      where the release came from: a HelmRelease of either Flux version, or a folder of plain objects
 * @param sourceFile  the file in the repository that declares the release
 * @param inputDigest chart digest, values digest, the target cluster's capabilities (Kubernetes version and API
 *                    versions), the release's identity and its options, hashed: the same digest means the same
 *                    objects applied the same way
 * @param options     what the release asks of the applier and observer (timeout, dependsOn, drift...)
 * @param removed     the release is gone from Git (or no longer targets this cluster): uninstall it; no
 *                    objects, no error
 * @param commitOrder where the commit it was rendered from stands among its repository's commits (the commit's
 *                    position on the commits topic): a rendering of a lower order is older and never applied over
 *                    one of a higher; renderings of one commit again (a cluster's capabilities changed) keep it
 * @param rollout     the wave this cluster is in when the targeting file orders the release's clusters in waves;
 *                    null when it does not
 * @param chartCrds   how many of the objects, at their start, are CustomResourceDefinitions of the chart's (and its
 *                    subcharts') {@code crds/} folders, which Helm installs before anything else, never templates, and
 *                    at upgrade treats as {@code spec.upgrade.crds} says; 0 for a release without a chart
 * @param values      the values Helm rendered the chart with (the HelmRelease's, after {@code valuesFrom} and the
 *                    cluster's customizations), which Helm keeps in its release record ({@code helm get values});
 *                    null for a release without a chart, and when any of them came from a Secret: Secret data does not
 *                    travel in clear
 * @param chart       the chart rendered, as Helm keeps it in its release record (metadata, default values, templates);
 *                    null for a release without a chart
 * @param notes       the chart's {@code NOTES.txt} as Helm rendered it for the release ({@code helm status} shows it);
 *                    null without notes, and when values came from a Secret (the notes may print them)
 * @param tenant      the tenant whose folder declares the release, with what it may use on this cluster; null for a
 *                    release of the platform team (declared outside every tenant's folders)
 */
public record ReleaseRendered(
        ReleaseKey release,
        ReleaseFormat format,
        String repository,
        String sourceSha,
        String sourceFile,
        String chartName,
        String chartVersion,
        String chartDigest,
        String valuesDigest,
        String inputDigest,
        int objectCount,
        CompressedObjects objects,
        String error,
        ReleaseOptions options,
        boolean removed,
        long commitOrder,
        Rollout rollout,
        int chartCrds,
        CompressedValues values,
        CompressedChart chart,
        String notes,
        Tenant tenant) implements Event {

    public ReleaseRendered {
        options = options == null ? ReleaseOptions.DEFAULTS : options;
    }

    /** A rendered (or failed) release with Flux's default options. */
    public ReleaseRendered(ReleaseKey release, ReleaseFormat format, String repository, String sourceSha, String sourceFile,
            String chartName, String chartVersion, String chartDigest, String valuesDigest, String inputDigest,
            int objectCount, CompressedObjects objects, String error) {
        this(release, format, repository, sourceSha, sourceFile, chartName, chartVersion, chartDigest, valuesDigest,
                inputDigest, objectCount, objects, error, ReleaseOptions.DEFAULTS, false, 0, null, 0, null, null, null, null);
    }

    /** A release with Flux's default options, from a Flux v2 HelmRelease, not removed; set what matters. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().release(release).format(format).repository(repository).sourceSha(sourceSha)
                .sourceFile(sourceFile).chart(chartName, chartVersion).chartDigest(chartDigest)
                .valuesDigest(valuesDigest).inputDigest(inputDigest).objects(objects, objectCount).error(error)
                .options(options).removed(removed).commitOrder(commitOrder).rollout(rollout).chartCrds(chartCrds)
                .values(values).helmChart(chart).notes(notes).tenant(tenant);
    }

    public boolean failed() {
        return error != null;
    }

    @Override
    public String key() {
        return release.toString();
    }

    /** Builds a {@link ReleaseRendered} by name, so that a test or a benchmark says only what it cares about. */
    public static final class Builder {
        private ReleaseKey release;
        private ReleaseFormat format = ReleaseFormat.FLUX_V2;
        private String repository;
        private String sourceSha;
        private String sourceFile;
        private String chartName;
        private String chartVersion;
        private String chartDigest;
        private String valuesDigest;
        private String inputDigest;
        private int objectCount;
        private CompressedObjects objects;
        private String error;
        private ReleaseOptions options = ReleaseOptions.DEFAULTS;
        private boolean removed;
        private long commitOrder;
        private Rollout rollout;
        private int chartCrds;
        private CompressedValues values;
        private CompressedChart chart;
        private String notes;
        private Tenant tenant;

        private Builder() {
        }

        public Builder release(ReleaseKey release) {
            this.release = release;
            return this;
        }

        public Builder format(ReleaseFormat format) {
            this.format = format;
            return this;
        }

        public Builder repository(String repository) {
            this.repository = repository;
            return this;
        }

        public Builder sourceSha(String sourceSha) {
            this.sourceSha = sourceSha;
            return this;
        }

        public Builder sourceFile(String sourceFile) {
            this.sourceFile = sourceFile;
            return this;
        }

        /** The chart and version rendered. */
        public Builder chart(String name, String version) {
            this.chartName = name;
            this.chartVersion = version;
            return this;
        }

        public Builder chartDigest(String chartDigest) {
            this.chartDigest = chartDigest;
            return this;
        }

        public Builder valuesDigest(String valuesDigest) {
            this.valuesDigest = valuesDigest;
            return this;
        }

        public Builder inputDigest(String inputDigest) {
            this.inputDigest = inputDigest;
            return this;
        }

        /** The rendered objects, compressed as on the wire, and their count. */
        public Builder objects(List<Map<String, Object>> objects) {
            return objects(CompressedObjects.of(objects), objects.size());
        }

        public Builder objects(CompressedObjects objects, int objectCount) {
            this.objects = objects;
            this.objectCount = objectCount;
            return this;
        }

        public Builder error(String error) {
            this.error = error;
            return this;
        }

        public Builder options(ReleaseOptions options) {
            this.options = options;
            return this;
        }

        public Builder removed(boolean removed) {
            this.removed = removed;
            return this;
        }

        public Builder commitOrder(long commitOrder) {
            this.commitOrder = commitOrder;
            return this;
        }

        public Builder rollout(Rollout rollout) {
            this.rollout = rollout;
            return this;
        }

        public Builder chartCrds(int chartCrds) {
            this.chartCrds = chartCrds;
            return this;
        }

        public Builder values(CompressedValues values) {
            this.values = values;
            return this;
        }

        /** The chart as Helm's release record keeps it. */
        public Builder helmChart(CompressedChart chart) {
            this.chart = chart;
            return this;
        }

        public Builder notes(String notes) {
            this.notes = notes;
            return this;
        }

        public Builder tenant(Tenant tenant) {
            this.tenant = tenant;
            return this;
        }

        public ReleaseRendered build() {
            return new ReleaseRendered(release, format, repository, sourceSha, sourceFile, chartName, chartVersion,
                    chartDigest, valuesDigest, inputDigest, objectCount, objects, error, options, removed, commitOrder,
                    rollout, chartCrds, values, chart, notes, tenant);
        }
    }
}
