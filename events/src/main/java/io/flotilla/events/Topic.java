package io.flotilla.events;

import java.time.Duration;
import java.util.Map;

/**
 * The topics of DESIGN.md. Names carry a configurable prefix (default {@value #DEFAULT_PREFIX}) so
 * that several Flotilla installations can share one Kafka cluster.
 */
public enum Topic {
    COMMITS("commits", Duration.ofDays(7), false),
    RENDERED("rendered", null, true),
    APPLIED("applied", Duration.ofDays(30), false),
    DRIFT("drift", Duration.ofDays(7), false),
    IMAGES("images", null, true),
    CLUSTERS("clusters", null, true),
    PULLSECRETS("pullsecrets", null, true),
    PREVIEWS("previews", Duration.ofDays(7), false),
    PREVIEW_RENDERS("preview-renders", Duration.ofDays(1), false),
    PREVIEW_RESULTS("preview-results", Duration.ofDays(7), false),
    DLQ("dlq", Duration.ofDays(30), false);

    public static final String DEFAULT_PREFIX = "flotilla.";

    private final String suffix;
    private final Duration retention;
    private final boolean compacted;

    Topic(String suffix, Duration retention, boolean compacted) {
        this.suffix = suffix;
        this.retention = retention;
        this.compacted = compacted;
    }

    public String suffix() {
        return suffix;
    }

    public String nameWith(String prefix) {
        return prefix + suffix;
    }

    public boolean compacted() {
        return compacted;
    }

    /** Topic-level configuration: compaction for latest-state topics, retention for logs. */
    public Map<String, String> config() {
        if (compacted) {
            return Map.of("cleanup.policy", "compact");
        }
        return Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retention.toMillis()));
    }
}
