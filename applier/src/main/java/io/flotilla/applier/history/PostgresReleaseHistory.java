package io.flotilla.applier.history;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.flotilla.events.DriftMode;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseKey;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * The release history in the applier's own PostgreSQL schema. The methods block until the database answers, for
 * the worker threads that also talk to clusters; the database work itself runs on a Vert.x context, as Hibernate
 * Reactive requires.
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
    public Revision record(Attempt attempt, List<Map<String, Object>> rendered, DriftMode driftMode) {
        return await(() -> Panache.withTransaction(() -> ReleaseRecord
                .<ReleaseRecord>findById(attempt.release().toString(), LockModeType.PESSIMISTIC_WRITE)
                .flatMap(existing -> existing == null ? newRelease(attempt.release()) : Uni.createFrom().item(existing))
                .flatMap(release -> {
                    if (driftMode != null) {
                        release.driftMode = driftMode.wire();
                    }
                    return next(release, attempt, rendered);
                })));
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
    public List<Revision> revisions(ReleaseKey release) {
        return await(() -> Panache.withSession(() -> RevisionRecord
                .<RevisionRecord>list("releaseKey = ?1 order by number", release.toString())
                .map(records -> records.stream().map(Revision::of).toList())));
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

    private static Uni<Revision> next(ReleaseRecord release, Attempt attempt, List<Map<String, Object>> rendered) {
        release.currentRevision += 1;
        release.status = attempt.outcome();
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
        revision.rendered = rendered == null ? null : new RenderedManifest(rendered);
        revision.appliedAt = attempt.appliedAt();
        revision.durationMs = attempt.durationMs();
        return revision.<RevisionRecord>persist().map(Revision::of);
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("the release history could not be read or written: " + e.getMessage(), e);
        }
    }
}
