package io.flotilla.applier.reconcile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.flotilla.applier.history.Attempt;
import io.flotilla.applier.history.ReadyRevision;
import io.flotilla.applier.history.ReleaseHistory;
import io.flotilla.applier.history.ReleaseState;
import io.flotilla.applier.history.Revision;
import io.flotilla.events.DriftMode;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseKey;

/** The release history in memory, numbered and kept as the database keeps it, for tests without a database. */
final class RememberedHistory implements ReleaseHistory {

    private final Map<ReleaseKey, ReleaseState> states = new HashMap<>();
    private final Map<ReleaseKey, List<Revision>> revisions = new HashMap<>();
    private final Map<ReleaseKey, ReadyRevision> lastReady = new HashMap<>();

    @Override
    public synchronized Optional<ReleaseState> state(ReleaseKey release) {
        return Optional.ofNullable(states.get(release));
    }

    @Override
    public synchronized Revision record(Attempt attempt, List<Map<String, Object>> rendered, DriftMode driftMode) {
        ReleaseKey release = attempt.release();
        ReleaseState before = states.getOrDefault(release, new ReleaseState(0, Outcome.Failed, null, null));
        int number = before.currentRevision() + 1;
        states.put(release, new ReleaseState(number, attempt.outcome(),
                attempt.outcome() == Outcome.Ready ? attempt.inputDigest() : before.readyInputDigest(),
                driftMode != null ? driftMode : before.driftMode()));
        if (attempt.outcome() == Outcome.Ready && rendered != null) {
            lastReady.put(release, new ReadyRevision(number, rendered));
        }
        Revision revision = new Revision(number, attempt);
        revisions.computeIfAbsent(release, key -> new ArrayList<>()).add(revision);
        return revision;
    }

    @Override
    public synchronized List<Revision> revisions(ReleaseKey release) {
        return List.copyOf(revisions.getOrDefault(release, List.of()));
    }

    @Override
    public synchronized Optional<ReadyRevision> lastReady(ReleaseKey release) {
        return Optional.ofNullable(lastReady.get(release));
    }

    /** Each revision of the release as "number outcome". */
    synchronized List<String> outcomes(ReleaseKey release) {
        return revisions(release).stream().map(revision -> revision.number() + " " + revision.attempt().outcome())
                .toList();
    }
}
