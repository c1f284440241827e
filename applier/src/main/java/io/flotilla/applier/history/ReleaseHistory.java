package io.flotilla.applier.history;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.flotilla.events.DriftMode;
import io.flotilla.events.ReleaseKey;

/**
 * The releases and revisions this applier has recorded: where each release stands and what each try did. Kept in
 * PostgreSQL ({@link PostgresReleaseHistory}); a test may keep it in memory.
 */
public interface ReleaseHistory extends ReadyRevisions {

    /** Where the release stands, or empty for a release never tried on its cluster. */
    Optional<ReleaseState> state(ReleaseKey release);

    /**
     * Records the attempt as the release's next revision and makes it the current one, keeping the {@code rendered}
     * objects when given, to roll back to them later, and the release's drift detection mode when given.
     */
    Revision record(Attempt attempt, List<Map<String, Object>> rendered, DriftMode driftMode);

    /** Every revision of the release, oldest first. */
    List<Revision> revisions(ReleaseKey release);
}
