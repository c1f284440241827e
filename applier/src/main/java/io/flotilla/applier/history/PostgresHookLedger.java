package io.flotilla.applier.history;

import jakarta.enterprise.context.ApplicationScoped;

import io.flotilla.applier.hook.HookLedger;
import io.flotilla.events.ReleaseKey;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The hook ledger in the applier's PostgreSQL schema: a row per phase that ran, for the revision that was next
 * when it ran. Rows of earlier revisions are deleted when a phase of a later one is recorded, so a release keeps
 * a row per phase at most.
 */
@ApplicationScoped
public class PostgresHookLedger implements HookLedger {

    @Override
    public boolean ran(ReleaseKey release, String inputDigest, String phase) {
        return PostgresReleaseHistory.await(() -> Panache.withSession(() -> nextRevision(release)
                .flatMap(revision -> HookRunRecord.count(
                        "releaseKey = ?1 and revision = ?2 and inputDigest = ?3 and phase = ?4", release.toString(),
                        revision, digestOf(inputDigest), phase))
                .map(count -> count > 0)));
    }

    @Override
    public void record(ReleaseKey release, String inputDigest, String phase) {
        PostgresReleaseHistory.await(() -> Panache.withTransaction(() -> nextRevision(release).flatMap(revision -> {
            HookRunRecord run = new HookRunRecord();
            run.releaseKey = release.toString();
            run.revision = revision;
            run.inputDigest = digestOf(inputDigest);
            run.phase = phase;
            return HookRunRecord.delete("releaseKey = ?1 and (revision < ?2 or (revision = ?2 and phase = ?3))",
                    run.releaseKey, revision, phase).flatMap(deleted -> run.persist());
        })));
    }

    private static Uni<Integer> nextRevision(ReleaseKey release) {
        return ReleaseRecord.<ReleaseRecord>findById(release.toString())
                .map(record -> record == null ? 1 : record.currentRevision + 1);
    }

    private static String digestOf(String inputDigest) {
        return inputDigest == null ? "" : inputDigest;
    }
}
