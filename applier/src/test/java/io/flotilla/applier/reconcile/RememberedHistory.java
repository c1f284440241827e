package io.flotilla.applier.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.flotilla.applier.history.HeldRelease;
import io.flotilla.applier.history.Hold;
import io.flotilla.applier.history.Holding;
import io.flotilla.applier.history.ReadyRevision;
import io.flotilla.applier.history.Recording;
import io.flotilla.applier.history.ReleaseHistory;
import io.flotilla.applier.history.ReleaseState;
import io.flotilla.applier.history.Revision;
import io.flotilla.applier.history.SuspendedRelease;
import io.flotilla.applier.history.Suspension;
import io.flotilla.applier.history.Taken;
import io.flotilla.events.Envelope;
import io.flotilla.events.Event;
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
    private final Map<ReleaseKey, Suspension> suspensions = new HashMap<>();

    @Override
    public synchronized Optional<ReleaseState> state(ReleaseKey release) {
        return Optional.ofNullable(states.get(release)).map(state -> new ReleaseState(state.currentRevision(),
                state.status(), state.readyInputDigest(), state.driftMode(), state.currentInputDigest(),
                state.commitOrder(), state.failures(), state.statusCommitOrder(), state.readySince(), state.hold(),
                state.forcedCommitOrder(), suspensions.get(release)));
    }

    @Override
    public synchronized boolean suspend(ReleaseKey release, Suspension suspension) {
        if (!states.containsKey(release)) {
            return false;
        }
        suspensions.put(release, suspension);
        return true;
    }

    @Override
    public synchronized Optional<Suspension> resume(ReleaseKey release) {
        return Optional.ofNullable(suspensions.remove(release));
    }

    @Override
    public synchronized List<SuspendedRelease> suspended(String cluster) {
        return suspensions.entrySet().stream()
                .filter(entry -> cluster == null || entry.getKey().cluster().equals(cluster))
                .map(entry -> new SuspendedRelease(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparing(suspended -> suspended.release().toString())).toList();
    }

    @Override
    public synchronized Optional<ReadyRevision> ready(ReleaseKey release, int number) {
        return Optional.ofNullable(lastReady.get(release)).filter(ready -> ready.number() == number);
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
        long statusOrder = recording.taken().commitOrder();
        boolean stillReady = before.status() == Outcome.Ready && before.currentRevision() > 0
                && statusOrder <= before.statusCommitOrder() && before.readySince() != null;
        Instant readySince = outcome != Outcome.Ready ? null
                : stillReady ? before.readySince() : recording.attempt().appliedAt();
        states.put(release, new ReleaseState(number, outcome,
                outcome == Outcome.Ready ? recording.attempt().inputDigest() : before.readyInputDigest(),
                recording.setsDriftMode() ? recording.driftMode() : before.driftMode(),
                recording.attempt().inputDigest(), order, outcome == Outcome.Failed ? before.failures() + 1 : 0,
                statusOrder, readySince, null, before.forcedCommitOrder()));
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
                    state.driftMode(), state.currentInputDigest(), taken.commitOrder(), state.failures(),
                    taken.commitOrder(), state.readySince(), null, state.forcedCommitOrder()));
            desired.put(release, taken.envelope());
        }
    }

    @Override
    public synchronized boolean hold(ReleaseKey release, Holding holding) {
        ReleaseState state = states.getOrDefault(release, new ReleaseState(0, Outcome.Progressing, null, null, null,
                0, 0, 0, null, null, 0));
        long order = state.commitOrder();
        if (holding.taken().commitOrder() >= order) {
            order = holding.taken().commitOrder();
            if (holding.taken().envelope() != null) {
                desired.put(release, holding.taken().envelope());
            }
        }
        Hold before = state.hold();
        Hold hold = holding.hold();
        boolean changed = hold.changedFrom(before);
        if (before != null && before.commitOrder() == hold.commitOrder()) {
            hold = new Hold(hold.rollout(), hold.wave(), hold.waveName(), hold.halted(), hold.blockingCluster(),
                    changed ? hold.reason() : before.reason(), hold.commitOrder(), before.since());
        }
        states.put(release, new ReleaseState(state.currentRevision(), state.status(), state.readyInputDigest(),
                state.driftMode(), state.currentInputDigest(), order, state.failures(), state.statusCommitOrder(),
                state.readySince(), hold, state.forcedCommitOrder()));
        if (changed) {
            next.put(release, Instant.now());
            outbox.add(holding.announcement().apply(hold));
        }
        return changed;
    }

    @Override
    public synchronized List<HeldRelease> held() {
        return states.entrySet().stream().filter(entry -> entry.getValue().hold() != null)
                .map(entry -> new HeldRelease(entry.getKey(), entry.getValue().hold())).toList();
    }

    @Override
    public synchronized List<ReleaseKey> forceOpen(List<HeldRelease> releases) {
        List<ReleaseKey> opened = new ArrayList<>();
        for (HeldRelease held : releases) {
            ReleaseState state = states.get(held.release());
            if (state != null && state.hold() != null && state.hold().commitOrder() == held.hold().commitOrder()) {
                states.put(held.release(), new ReleaseState(state.currentRevision(), state.status(),
                        state.readyInputDigest(), state.driftMode(), state.currentInputDigest(), state.commitOrder(),
                        state.failures(), state.statusCommitOrder(), state.readySince(), state.hold(),
                        held.hold().commitOrder()));
                opened.add(held.release());
            }
        }
        return opened;
    }

    @Override
    public synchronized Map<ReleaseKey, ReleaseState> states(Collection<ReleaseKey> releases) {
        Map<ReleaseKey, ReleaseState> found = new HashMap<>();
        releases.forEach(release -> state(release).ifPresent(state -> found.put(release, state)));
        return found;
    }

    @Override
    public synchronized List<ReleaseKey> reconciledBefore(String cluster, Instant at) {
        return releases(cluster);
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
    public synchronized List<ReleaseKey> due(Instant now, Collection<String> clusters, int limit) {
        return next.entrySet().stream().filter(entry -> clusters.contains(entry.getKey().cluster()))
                .filter(entry -> entry.getValue() != null && !entry.getValue().isAfter(now))
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
        return outbox(ReleaseApplied.class);
    }

    /** The events of the outbox of that type, in the order they were written. */
    synchronized <T extends Event> List<T> outbox(Class<T> type) {
        return outbox.stream().map(EventCodec::decode).map(Envelope::payload).filter(type::isInstance)
                .map(type::cast).toList();
    }
}
