package io.flotilla.applier.history;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseKey;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The release history in the applier's own PostgreSQL schema. The methods block until the database answers, for
 * the worker threads that also talk to clusters; the database work itself runs on a Vert.x context, as Hibernate
 * Reactive requires. A failing database makes them throw {@link HistoryUnavailableException}.
 */
@ApplicationScoped
public class PostgresReleaseHistory implements ReleaseHistory {

    @Override
    public Optional<ReleaseState> state(ReleaseKey release) {
        return Optional.ofNullable(await(() -> Panache.withSession(() -> ReleaseRecord
                .<ReleaseRecord>findById(release.toString())
                .map(record -> record == null ? null : ReleaseState.of(record)))));
    }

    @Override
    public Revision record(Recording recording) {
        Attempt attempt = recording.attempt();
        return await(() -> Panache.withTransaction(() -> ReleaseRecord
                .<ReleaseRecord>findById(attempt.release().toString(), LockModeType.PESSIMISTIC_WRITE)
                .flatMap(existing -> existing == null ? newRelease(attempt.release()) : Uni.createFrom().item(existing))
                .flatMap(release -> {
                    if (recording.setsDriftMode()) {
                        release.driftMode = recording.driftMode() == null ? null : recording.driftMode().wire();
                    }
                    takeInto(release, recording.taken());
                    release.nextReconcileAt = recording.nextReconcile();
                    release.lastReconciledAt = attempt.appliedAt();
                    return next(release, recording);
                })
                .call(revision -> trim(revision, recording.maxHistory()))
                .call(revision -> announce(revision, recording))));
    }

    @Override
    public void take(ReleaseKey release, Taken taken) {
        await(() -> Panache.withTransaction(() -> ReleaseRecord
                .<ReleaseRecord>findById(release.toString(), LockModeType.PESSIMISTIC_WRITE)
                .invoke(record -> {
                    if (record != null) {
                        takeWithoutRevision(record, taken);
                    }
                })));
    }

    @Override
    public Optional<String> desired(ReleaseKey release) {
        return Optional.ofNullable(await(() -> Panache.withSession(() -> ReleaseRecord
                .<ReleaseRecord>findById(release.toString()).map(record -> record == null ? null : record.desired))));
    }

    @Override
    public void reconciled(ReleaseKey release, Instant at, Instant next) {
        await(() -> Panache.withTransaction(() -> ReleaseRecord
                .update("lastReconciledAt = ?1, nextReconcileAt = ?2 where key = ?3", at, next, release.toString())));
    }

    @Override
    public List<ReleaseKey> due(Instant now, Collection<String> clusters, int limit) {
        if (clusters.isEmpty()) {
            return List.of();
        }
        return await(() -> Panache.withSession(() -> ReleaseRecord
                .<ReleaseRecord>find("nextReconcileAt <= ?1 and cluster in ?2 order by nextReconcileAt", now,
                        List.copyOf(clusters))
                .page(0, limit).list()
                .map(PostgresReleaseHistory::keys)));
    }

    @Override
    public List<ReleaseKey> reconciledBefore(String cluster, Instant at) {
        return await(() -> Panache.withSession(() -> ReleaseRecord
                .<ReleaseRecord>list("cluster = ?1 and (lastReconciledAt is null or lastReconciledAt < ?2)", cluster,
                        at)
                .map(PostgresReleaseHistory::keys)));
    }

    @Override
    public Map<ReleaseKey, ReleaseState> states(Collection<ReleaseKey> releases) {
        if (releases.isEmpty()) {
            return Map.of();
        }
        List<String> keys = releases.stream().map(ReleaseKey::toString).toList();
        return await(() -> Panache.withSession(() -> ReleaseRecord.<ReleaseRecord>list("key in ?1", keys)
                .map(records -> records.stream().collect(Collectors.toMap(record -> ReleaseKey.parse(record.key),
                        ReleaseState::of)))));
    }

    @Override
    public boolean hold(ReleaseKey release, Holding holding) {
        return await(() -> Panache.withTransaction(() -> ReleaseRecord
                .<ReleaseRecord>findById(release.toString(), LockModeType.PESSIMISTIC_WRITE)
                .flatMap(existing -> existing == null ? heldRelease(release) : Uni.createFrom().item(existing))
                .flatMap(record -> {
                    Hold before = ReleaseState.of(record).hold();
                    takeInto(record, holding.taken());
                    Hold hold = holding.hold();
                    if (before != null && !hold.changedFrom(before)) {
                        return Uni.createFrom().item(false);
                    }
                    if (before != null && before.commitOrder() == hold.commitOrder()) {
                        hold = new Hold(hold.rollout(), hold.wave(), hold.waveName(), hold.halted(),
                                hold.blockingCluster(), hold.reason(), hold.commitOrder(), before.since());
                    }
                    keepHold(record, hold);
                    record.nextReconcileAt = Instant.now();
                    OutboxRecord entry = new OutboxRecord();
                    entry.releaseKey = record.key;
                    entry.envelope = holding.announcement().apply(hold);
                    entry.traceparent = holding.traceparent();
                    return entry.persist().map(persisted -> true);
                })));
    }

    @Override
    public List<HeldRelease> held() {
        return await(() -> Panache.withSession(() -> ReleaseRecord
                .<ReleaseRecord>list("heldCommitOrder is not null order by key")
                .map(records -> records.stream()
                        .map(record -> new HeldRelease(ReleaseKey.parse(record.key), ReleaseState.of(record).hold()))
                        .toList())));
    }

    @Override
    public List<ReleaseKey> forceOpen(List<HeldRelease> releases) {
        Instant now = Instant.now();
        return await(() -> Panache.withTransaction(() -> Multi.createFrom().iterable(releases)
                .onItem().transformToUniAndConcatenate(held -> ReleaseRecord.update(
                        "forcedCommitOrder = ?1, nextReconcileAt = ?2 where key = ?3 and heldCommitOrder = ?1",
                        held.hold().commitOrder(), now, held.release().toString())
                        .map(updated -> updated > 0 ? Optional.of(held.release()) : Optional.<ReleaseKey>empty()))
                .collect().asList()
                .map(opened -> opened.stream().flatMap(Optional::stream).toList())));
    }

    @Override
    public boolean suspend(ReleaseKey release, Suspension suspension) {
        return await(() -> Panache.withTransaction(() -> ReleaseRecord.update(
                "suspendedBy = ?1, suspendedAt = ?2, suspendedReason = ?3 where key = ?4", suspension.by(),
                suspension.at(), suspension.reason(), release.toString()))) > 0;
    }

    @Override
    public Optional<Suspension> resume(ReleaseKey release) {
        return Optional.ofNullable(await(() -> Panache.withTransaction(() -> ReleaseRecord
                .<ReleaseRecord>findById(release.toString(), LockModeType.PESSIMISTIC_WRITE)
                .map(record -> {
                    if (record == null || record.suspendedAt == null) {
                        return null;
                    }
                    Suspension ended = ReleaseState.suspensionOf(record);
                    record.suspendedBy = null;
                    record.suspendedAt = null;
                    record.suspendedReason = null;
                    record.nextReconcileAt = Instant.now();
                    return ended;
                }))));
    }

    @Override
    public List<SuspendedRelease> suspended(String cluster) {
        return await(() -> Panache.withSession(() -> (cluster == null
                ? ReleaseRecord.<ReleaseRecord>list("suspendedAt is not null order by key")
                : ReleaseRecord.<ReleaseRecord>list("suspendedAt is not null and cluster = ?1 order by key", cluster))
                .map(records -> records.stream()
                        .map(record -> new SuspendedRelease(ReleaseKey.parse(record.key),
                                ReleaseState.suspensionOf(record)))
                        .toList())));
    }

    @Override
    public List<ReleaseKey> releases(String cluster) {
        return await(() -> Panache.withSession(() -> (cluster == null
                ? ReleaseRecord.<ReleaseRecord>listAll()
                : ReleaseRecord.<ReleaseRecord>list("cluster", cluster))
                .map(PostgresReleaseHistory::keys)));
    }

    @Override
    public Optional<ReadyRevision> lastReady(ReleaseKey release) {
        return Optional.ofNullable(await(() -> Panache.withSession(() -> RevisionRecord
                .<RevisionRecord>find("releaseKey = ?1 and outcome = ?2 and rendered is not null order by number desc",
                        release.toString(), Outcome.Ready)
                .firstResult()
                .map(record -> record == null ? null : new ReadyRevision(record.number, record.rendered.objects())))));
    }

    @Override
    public Optional<ReadyRevision> ready(ReleaseKey release, int number) {
        return Optional.ofNullable(await(() -> Panache.withSession(() -> RevisionRecord
                .<RevisionRecord>find("releaseKey = ?1 and number = ?2 and outcome = ?3 and rendered is not null",
                        release.toString(), number, Outcome.Ready)
                .firstResult()
                .map(record -> record == null ? null : new ReadyRevision(record.number, record.rendered.objects())))));
    }

    @Override
    public Optional<Revision> revision(ReleaseKey release, int number) {
        return Optional.ofNullable(await(() -> Panache.withSession(() -> RevisionRecord
                .<RevisionRecord>find("releaseKey = ?1 and number = ?2", release.toString(), number).firstResult()
                .map(record -> record == null ? null : Revision.of(record)))));
    }

    @Override
    public List<Revision> revisions(ReleaseKey release) {
        return await(() -> Panache.withSession(() -> RevisionRecord
                .<RevisionRecord>list("releaseKey = ?1 order by number", release.toString())
                .map(records -> records.stream().map(Revision::of).toList())));
    }

    /**
     * A rendering of a lower commit order than the one taken is older: the newer one stays. A newer one that needs no
     * revision leaves the release as it stands, now at the newer order, and ends a hold of an older one.
     */
    private static void takeWithoutRevision(ReleaseRecord release, Taken taken) {
        if (taken == null || taken.commitOrder() < release.commitOrder) {
            return;
        }
        takeInto(release, taken);
        release.statusCommitOrder = taken.commitOrder();
        if (release.heldCommitOrder != null && release.heldCommitOrder <= taken.commitOrder()) {
            keepHold(release, null);
        }
    }

    /** A rendering of a lower commit order than the one taken is older: the newer one stays. */
    private static void takeInto(ReleaseRecord release, Taken taken) {
        if (taken == null || taken.commitOrder() < release.commitOrder) {
            return;
        }
        release.commitOrder = taken.commitOrder();
        if (taken.envelope() != null) {
            release.desired = taken.envelope();
        }
    }

    private static Uni<ReleaseRecord> newRelease(ReleaseKey key) {
        return newRelease(key, Outcome.Failed);
    }

    /** A release whose first rendering is held at its wave gate: no revision yet, nothing applied. */
    private static Uni<ReleaseRecord> heldRelease(ReleaseKey key) {
        return newRelease(key, Outcome.Progressing);
    }

    /** A release without a revision yet, its status {@code status} until the first one is recorded. */
    private static Uni<ReleaseRecord> newRelease(ReleaseKey key, Outcome status) {
        ReleaseRecord release = new ReleaseRecord();
        release.key = key.toString();
        release.cluster = key.cluster();
        release.namespace = key.namespace();
        release.name = key.name();
        release.currentRevision = 0;
        release.status = status;
        release.statusCommitOrder = 0L;
        return release.persist();
    }

    private static void keepHold(ReleaseRecord release, Hold hold) {
        release.heldRollout = hold == null ? null : hold.rollout();
        release.heldWave = hold == null ? null : hold.wave();
        release.heldWaveName = hold == null ? null : hold.waveName();
        release.heldHalted = hold == null ? null : hold.halted();
        release.heldBlockingCluster = hold == null ? null : hold.blockingCluster();
        release.heldReason = hold == null ? null : hold.reason();
        release.heldCommitOrder = hold == null ? null : hold.commitOrder();
        release.heldSince = hold == null ? null : hold.since();
    }

    /**
     * The attempt becomes the current revision; the release's status holds at the order of the rendering it came
     * from, Ready since this revision unless it was Ready at that order already, and nothing is held any more.
     */
    private static Uni<Revision> next(ReleaseRecord release, Recording recording) {
        Attempt attempt = recording.attempt();
        long statusOrderBefore = release.statusCommitOrder == null ? -1 : release.statusCommitOrder;
        boolean readyBefore = release.status == Outcome.Ready && release.currentRevision > 0;
        long statusOrder = recording.taken() == null ? release.commitOrder : recording.taken().commitOrder();
        release.statusCommitOrder = statusOrder;
        if (attempt.outcome() != Outcome.Ready) {
            release.readySince = null;
        } else if (!readyBefore || statusOrder > statusOrderBefore || release.readySince == null) {
            release.readySince = attempt.appliedAt();
        }
        keepHold(release, null);
        release.currentRevision += 1;
        release.status = attempt.outcome();
        release.currentInputDigest = attempt.inputDigest();
        release.failures = attempt.outcome() == Outcome.Failed ? release.failures + 1 : 0;
        if (attempt.outcome() == Outcome.Ready) {
            release.readyInputDigest = attempt.inputDigest();
        }
        RevisionRecord revision = new RevisionRecord();
        revision.releaseKey = release.key;
        revision.number = release.currentRevision;
        revision.sourceSha = attempt.sourceSha();
        revision.sourceFile = attempt.sourceFile();
        revision.chartName = attempt.chartName();
        revision.chartVersion = attempt.chartVersion();
        revision.inputDigest = attempt.inputDigest();
        revision.outcome = attempt.outcome();
        revision.message = attempt.message();
        revision.objects = new ObjectResults(attempt.objects());
        revision.rendered = recording.readyObjects() == null ? null : new RenderedManifest(recording.readyObjects());
        revision.appliedAt = attempt.appliedAt();
        revision.durationMs = attempt.durationMs();
        return revision.<RevisionRecord>persist().map(Revision::of);
    }

    /** Deletes revisions beyond the newest {@code maxHistory}, but never the last Ready one, which rollbacks need. */
    private static Uni<Long> trim(Revision revision, int maxHistory) {
        int oldestKept = revision.number() - maxHistory + 1;
        if (maxHistory <= 0 || oldestKept <= 1) {
            return Uni.createFrom().item(0L);
        }
        return RevisionRecord.delete("releaseKey = ?1 and number < ?2 and number <> coalesce((select max(r.number) "
                + "from RevisionRecord r where r.releaseKey = ?1 and r.outcome = ?3 and r.rendered is not null), 0)",
                revision.release().toString(), oldestKept, Outcome.Ready);
    }

    private static Uni<OutboxRecord> announce(Revision revision, Recording recording) {
        OutboxRecord entry = new OutboxRecord();
        entry.releaseKey = revision.release().toString();
        entry.envelope = recording.announcement().apply(revision);
        entry.traceparent = recording.traceparent();
        return entry.persist();
    }

    private static List<ReleaseKey> keys(List<ReleaseRecord> records) {
        return records.stream().map(record -> ReleaseKey.parse(record.key)).toList();
    }

    static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (HistoryUnavailableException e) {
            throw e;
        } catch (Throwable e) {
            throw new HistoryUnavailableException(e);
        }
    }
}
