package io.flotilla.gitwatcher.autorelease;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.flotilla.gitwatcher.source.AutoReleaseStatus;

/** The Auto-release status of each source, kept in memory: the log has the history, the API the latest. */
final class AutoReleaseStatuses {

    private static final AutoReleaseStatus NONE = new AutoReleaseStatus(null, null, null, null, 0, null, null);

    private final Map<String, AutoReleaseStatus> bySource = new ConcurrentHashMap<>();

    Optional<AutoReleaseStatus> of(String sourceId) {
        return Optional.ofNullable(bySource.get(sourceId));
    }

    void pushed(String sourceId, String commit, String branch, String message) {
        bySource.compute(sourceId, (id, old) -> new AutoReleaseStatus(commit, Instant.now(), branch,
                message.lines().findFirst().orElse(""), orNone(old).skippedEdits(), null, null));
    }

    void skipped(String sourceId, int edits) {
        bySource.compute(sourceId, (id, old) -> {
            AutoReleaseStatus s = orNone(old);
            return new AutoReleaseStatus(s.lastCommit(), s.lastPushedAt(), s.lastBranch(), s.lastMessage(),
                    s.skippedEdits() + edits, s.lastError(), s.lastErrorAt());
        });
    }

    /** @return the error it replaced, null when there was none */
    String failed(String sourceId, String error) {
        String[] previous = new String[1];
        bySource.compute(sourceId, (id, old) -> {
            AutoReleaseStatus s = orNone(old);
            previous[0] = s.lastError();
            return new AutoReleaseStatus(s.lastCommit(), s.lastPushedAt(), s.lastBranch(), s.lastMessage(),
                    s.skippedEdits(), error, Instant.now());
        });
        return previous[0];
    }

    private static AutoReleaseStatus orNone(AutoReleaseStatus status) {
        return status == null ? NONE : status;
    }
}
