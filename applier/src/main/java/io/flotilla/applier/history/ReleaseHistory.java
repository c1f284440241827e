package io.flotilla.applier.history;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.flotilla.events.ReleaseKey;

/**
 * The releases and revisions this applier has recorded: where each release stands, what each try did, the
 * rendering each release is to be and when it is reconciled next. Kept in PostgreSQL
 * ({@link PostgresReleaseHistory}); a test may keep it in memory.
 */
public interface ReleaseHistory extends ReadyRevisions {

    /** Where the release stands, or empty for a release never tried on its cluster. */
    Optional<ReleaseState> state(ReleaseKey release);

    /**
     * Records the attempt as the release's next revision and makes it the current one, with the rest of
     * {@code recording}, in one transaction.
     */
    Revision record(Recording recording);

    /**
     * Takes a newer rendering of the release that needs no revision (its inputs are those of the current one):
     * kept as what the release is to be, if its commit order is not lower than the one taken before.
     */
    void take(ReleaseKey release, Taken taken);

    /** The envelope of the newest rendering taken for the release, to reconcile it again. */
    Optional<String> desired(ReleaseKey release);

    /** The release was reconciled at {@code at} and changed nothing; it is reconciled again at {@code next}. */
    void reconciled(ReleaseKey release, Instant at, Instant next);

    /** Releases whose next reconcile is due at {@code now}, the most overdue first, at most {@code limit}. */
    List<ReleaseKey> due(Instant now, int limit);

    /** Every release recorded on the cluster, or on every cluster when {@code cluster} is null. */
    List<ReleaseKey> releases(String cluster);

    /** Revision {@code number} of the release, if it is still kept. */
    Optional<Revision> revision(ReleaseKey release, int number);

    /** The revisions of the release still kept, oldest first. */
    List<Revision> revisions(ReleaseKey release);
}
