package io.flotilla.events;

import java.time.Instant;
import java.util.List;

/** A revision of a release reached its cluster, or failed to, and why. */
public record ReleaseApplied(
        ReleaseKey release,
        int revision,
        Outcome outcome,
        String sourceSha,
        String sourceFile,
        String chartName,
        String chartVersion,
        String inputDigest,
        List<ObjectResult> objects,
        long durationMs,
        Instant appliedAt,
        String error) implements Event {

    public ReleaseApplied {
        objects = objects == null ? List.of() : List.copyOf(objects);
    }

    /** An outcome with no objects, no duration and no error; set what matters. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().release(release).revision(revision).outcome(outcome).sourceSha(sourceSha)
                .sourceFile(sourceFile).chart(chartName, chartVersion).inputDigest(inputDigest)
                .objects(objects).durationMs(durationMs).appliedAt(appliedAt).error(error);
    }

    @Override
    public String key() {
        return release.toString();
    }

    /** Builds a {@link ReleaseApplied} by name, so that a test or a benchmark says only what it cares about. */
    public static final class Builder {
        private ReleaseKey release;
        private int revision;
        private Outcome outcome;
        private String sourceSha;
        private String sourceFile;
        private String chartName;
        private String chartVersion;
        private String inputDigest;
        private List<ObjectResult> objects = List.of();
        private long durationMs;
        private Instant appliedAt;
        private String error;

        private Builder() {
        }

        /** The release, commit, file, chart and digest of the rendering this outcome is about. */
        public Builder of(ReleaseRendered rendered) {
            return release(rendered.release()).sourceSha(rendered.sourceSha()).sourceFile(rendered.sourceFile())
                    .chart(rendered.chartName(), rendered.chartVersion())
                    .inputDigest(rendered.inputDigest());
        }

        public Builder release(ReleaseKey release) {
            this.release = release;
            return this;
        }

        public Builder revision(int revision) {
            this.revision = revision;
            return this;
        }

        public Builder outcome(Outcome outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder objects(List<ObjectResult> objects) {
            this.objects = objects;
            return this;
        }

        public Builder durationMs(long durationMs) {
            this.durationMs = durationMs;
            return this;
        }

        public Builder appliedAt(Instant appliedAt) {
            this.appliedAt = appliedAt;
            return this;
        }

        public Builder error(String error) {
            this.error = error;
            return this;
        }

        public Builder inputDigest(String inputDigest) {
            this.inputDigest = inputDigest;
            return this;
        }

        public Builder sourceFile(String sourceFile) {
            this.sourceFile = sourceFile;
            return this;
        }

        public Builder sourceSha(String sourceSha) {
            this.sourceSha = sourceSha;
            return this;
        }

        /** The chart and version the rendering was of. */
        public Builder chart(String name, String version) {
            this.chartName = name;
            this.chartVersion = version;
            return this;
        }

        public ReleaseApplied build() {
            return new ReleaseApplied(release, revision, outcome, sourceSha, sourceFile, chartName, chartVersion,
                    inputDigest, objects, durationMs, appliedAt, error);
        }
    }
}
