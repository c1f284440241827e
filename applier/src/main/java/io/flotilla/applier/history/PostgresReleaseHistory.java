package io.flotilla.applier.history;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseKey;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
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
                        takeInto(record, taken);
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
    public List<ReleaseKey> due(Instant now, int limit) {
        return await(() -> Panache.withSession(() -> ReleaseRecord
                .<ReleaseRecord>find("nextReconcileAt <= ?1 order by nextReconcileAt", now)
                .page(0, limit).list()
                .map(records -> records.stream().map(record -> ReleaseKey.parse(record.key)).toList())));
    }

    @Override
    public List<ReleaseKey> releases(String cluster) {
        return await(() -> Panache.withSession(() -> (cluster == null
                ? ReleaseRecord.<ReleaseRecord>listAll()
                : ReleaseRecord.<ReleaseRecord>list("cluster", cluster))
                .map(records -> records.stream().map(record -> ReleaseKey.parse(record.key)).toList())));
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
        ReleaseRecord release = new ReleaseRecord();
        release.key = key.toString();
        release.cluster = key.cluster();
        release.namespace = key.namespace();
        release.name = key.name();
        release.currentRevision = 0;
        release.status = Outcome.Failed;
        return release.persist();
    }

    private static Uni<Revision> next(ReleaseRecord release, Recording recording) {
        Attempt attempt = recording.attempt();
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
