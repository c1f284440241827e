package io.flotilla.applier.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.flotilla.applier.history.ReadyRevision;
import io.flotilla.applier.history.Recording;
import io.flotilla.applier.history.ReleaseHistory;
import io.flotilla.applier.history.ReleaseState;
import io.flotilla.applier.history.Revision;
import io.flotilla.applier.history.Taken;
import io.flotilla.events.EventCodec;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;

/**
 * The release history in memory, numbered, trimmed and kept as the database keeps it, with its outbox, for tests
 * without a database.
 */
final class RememberedHistory implements ReleaseHistory {

    private final Map<ReleaseKey, ReleaseState> states = new HashMap<>();
    private final Map<ReleaseKey, List<Revision>> revisions = new HashMap<>();
    private final Map<ReleaseKey, ReadyRevision> lastReady = new HashMap<>();
    private final Map<ReleaseKey, String> desired = new HashMap<>();
    private final Map<ReleaseKey, Instant> next = new HashMap<>();
    private final List<String> outbox = new ArrayList<>();

    @Override
    public synchronized Optional<ReleaseState> state(ReleaseKey release) {
        return Optional.ofNullable(states.get(release));
    }

    @Override
    public synchronized Revision record(Recording recording) {
        ReleaseKey release = recording.attempt().release();
        Outcome outcome = recording.attempt().outcome();
        ReleaseState before = states.getOrDefault(release, new ReleaseState(0, Outcome.Failed, null, null));
        int number = before.currentRevision() + 1;
        long order = before.commitOrder();
        if (recording.taken().commitOrder() >= order) {
            order = recording.taken().commitOrder();
            if (recording.taken().envelope() != null) {
                desired.put(release, recording.taken().envelope());
            }
        }
        states.put(release, new ReleaseState(number, outcome,
                outcome == Outcome.Ready ? recording.attempt().inputDigest() : before.readyInputDigest(),
                recording.setsDriftMode() ? recording.driftMode() : before.driftMode(),
                recording.attempt().inputDigest(), order, outcome == Outcome.Failed ? before.failures() + 1 : 0));
        if (outcome == Outcome.Ready && recording.readyObjects() != null) {
            lastReady.put(release, new ReadyRevision(number, recording.readyObjects()));
        }
        next.put(release, recording.nextReconcile());
        Revision revision = new Revision(number, recording.attempt());
        List<Revision> kept = revisions.computeIfAbsent(release, key -> new ArrayList<>());
        kept.add(revision);
        if (recording.maxHistory() > 0) {
            ReadyRevision ready = lastReady.get(release);
            kept.removeIf(old -> old.number() <= number - recording.maxHistory()
                    && (ready == null || old.number() != ready.number()));
        }
        outbox.add(recording.announcement().apply(revision));
        return revision;
    }

    @Override
    public synchronized void take(ReleaseKey release, Taken taken) {
        ReleaseState state = states.get(release);
        if (state != null && taken.commitOrder() >= state.commitOrder()) {
            states.put(release, new ReleaseState(state.currentRevision(), state.status(), state.readyInputDigest(),
                    state.driftMode(), state.currentInputDigest(), taken.commitOrder(), state.failures()));
            desired.put(release, taken.envelope());
        }
    }

    @Override
    public synchronized Optional<String> desired(ReleaseKey release) {
        return Optional.ofNullable(desired.get(release));
    }

    @Override
    public synchronized void reconciled(ReleaseKey release, Instant at, Instant nextAt) {
        next.put(release, nextAt);
    }

    @Override
    public synchronized List<ReleaseKey> due(Instant now, int limit) {
        return next.entrySet().stream().filter(entry -> entry.getValue() != null && !entry.getValue().isAfter(now))
                .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder())).limit(limit).map(Map.Entry::getKey)
                .toList();
    }

    @Override
    public synchronized List<ReleaseKey> releases(String cluster) {
        return states.keySet().stream().filter(release -> cluster == null || release.cluster().equals(cluster))
                .toList();
    }

    @Override
    public synchronized Optional<Revision> revision(ReleaseKey release, int number) {
        return revisions(release).stream().filter(revision -> revision.number() == number).findFirst();
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

    /** When the release is reconciled next, as last recorded. */
    synchronized Instant nextReconcile(ReleaseKey release) {
        return next.get(release);
    }

    /** The events of recorded revisions, in the order they were recorded. */
    synchronized List<ReleaseApplied> announced() {
        return outbox.stream().map(envelope -> EventCodec.decode(envelope, ReleaseApplied.class).payload()).toList();
    }
}
