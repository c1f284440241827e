package io.flotilla.applier.history;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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

    /**
     * Releases on {@code clusters} (the fleet) whose next reconcile is due at {@code now}, the most overdue first, at
     * most {@code limit}.
     */
    List<ReleaseKey> due(Instant now, Collection<String> clusters, int limit);

    /** Every release recorded on the cluster, or on every cluster when {@code cluster} is null. */
    List<ReleaseKey> releases(String cluster);

    /** The releases of the cluster last reconciled before {@code at}, or never: those a cluster joining again needs. */
    List<ReleaseKey> reconciledBefore(String cluster, Instant at);

    /** Where each of the releases stands, by release; a release never tried is absent. */
    Map<ReleaseKey, ReleaseState> states(Collection<ReleaseKey> releases);

    /**
     * Holds the newest rendering of the release at its wave gate, in one transaction: the rendering taken (if not
     * older than the one taken before), the hold kept (a hold of the same rendering keeps its {@code since}) and
     * looked at again at the next tick, and, only when the hold changed ({@link Hold#changedFrom}), its event in the
     * outbox.
     *
     * @return whether the hold changed, and its event waits in the outbox
     */
    boolean hold(ReleaseKey release, Holding holding);

    /** Every release whose newest rendering is held at its wave gate. */
    List<HeldRelease> held();

    /**
     * Opens the wave gate of each release for the rendering it holds (if it still holds that one): recorded, so that
     * every applier instance lets it through, and due at once.
     *
     * @return the releases opened
     */
    List<ReleaseKey> forceOpen(List<HeldRelease> releases);

    /**
     * Suspends the release by hand: kept until {@link #resume}, whoever suspended it before.
     *
     * @return false when the release is unknown here: nothing is recorded
     */
    boolean suspend(ReleaseKey release, Suspension suspension);

    /**
     * Ends the release's suspension by hand, and makes it due at once.
     *
     * @return the suspension ended; empty when the release was not suspended so (or is unknown)
     */
    Optional<Suspension> resume(ReleaseKey release);

    /** Every release suspended by hand, on {@code cluster} (or on every cluster when null), by release. */
    List<SuspendedRelease> suspended(String cluster);

    /** Revision {@code number} of the release, if it was Ready and is still kept with its rendered objects. */
    Optional<ReadyRevision> ready(ReleaseKey release, int number);

    /** Revision {@code number} of the release, if it is still kept. */
    Optional<Revision> revision(ReleaseKey release, int number);

    /** The revisions of the release still kept, oldest first. */
    List<Revision> revisions(ReleaseKey release);
}
