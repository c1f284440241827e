package io.flotilla.testing.applier;

/**
 * Where a set of releases stands, as a user checks it: on the clusters, in the applier's history and on the applied
 * topic.
 *
 * @param releases        how many releases were looked at
 * @param ready           those whose newest revision and newest {@code ReleaseApplied} both say Ready
 * @param missingObjects  those that lack one of their objects on their cluster
 * @param revisions       revisions recorded, over all the releases
 * @param gapped          releases whose revision numbers are not 1, 2, ..., n
 * @param extraRevisions  revisions beyond {@code expectedPerRelease} per release (a rendering applied twice)
 * @param lost            recorded revisions with no {@code ReleaseApplied} on the topic
 * @param duplicateEvents {@code ReleaseApplied} events beyond one per recorded revision (at least once: allowed)
 */
public record Convergence(int releases, int ready, int missingObjects, int revisions, int gapped,
        int extraRevisions, int lost, int duplicateEvents) {

    /** Every release Ready with all its objects, its revisions numbered without gaps, no outcome lost. */
    public boolean converged() {
        return ready == releases && missingObjects == 0 && gapped == 0 && lost == 0;
    }

    @Override
    public String toString() {
        return String.format("releases=%d ready=%d missing_objects=%d revisions=%d gapped=%d extra_revisions=%d "
                + "lost=%d duplicate_events=%d", releases, ready, missingObjects, revisions, gapped, extraRevisions,
                lost, duplicateEvents);
    }
}
