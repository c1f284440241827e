package io.flotilla.applier.history;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;

/** The outbox in the applier's PostgreSQL schema, written by {@link PostgresReleaseHistory#record}. */
@ApplicationScoped
public class PostgresOutbox implements Outbox {

    @Override
    public List<Pending> pending(int limit) {
        return PostgresReleaseHistory.await(() -> Panache.withSession(() -> OutboxRecord
                .<OutboxRecord>find("order by id").page(0, limit).list()
                .map(records -> records.stream()
                        .map(record -> new Pending(record.id, record.releaseKey, record.envelope, record.traceparent)).toList())));
    }

    @Override
    public void sent(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        PostgresReleaseHistory.await(() -> Panache.withTransaction(() -> OutboxRecord.delete("id in ?1", ids)));
    }
}
