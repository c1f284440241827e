package io.flotilla.observer.gitstatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * The statuses sent ({@link SentStatus}), each claimed by one statement before it is sent: only the instance whose
 * statement changes the row sends that state, whichever observer reads the commit's events and however often it
 * restarts. Called from the reporter's and the deliveries' threads: each call waits for its statement.
 */
@ApplicationScoped
public class SentStatuses {

    /** How long a commit's statuses are remembered. */
    static final Duration KEPT = Duration.ofDays(30);

    private static final String CLAIM = "insert into {h-schema}commit_status_sent"
            + " (id, source, sha, context, scope, state, description, target_url, finished, updated_at)"
            + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, false, ?9)"
            + " on conflict (id) do update set state = excluded.state, description = excluded.description,"
            + " target_url = excluded.target_url, finished = false, updated_at = excluded.updated_at"
            + " where commit_status_sent.state <> excluded.state";

    private final Mutiny.SessionFactory sessions;

    public SentStatuses(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Whether this state of the status is new for the source: false when it was sent already. */
    boolean claim(String source, CommitStatus status) {
        return await(() -> sessions.withTransaction(session -> session.createNativeQuery(CLAIM)
                .setParameter(1, id(source, status)).setParameter(2, source).setParameter(3, status.sha())
                .setParameter(4, status.context()).setParameter(5, status.scope())
                .setParameter(6, status.state().name()).setParameter(7, status.description(SentStatus.DESCRIPTION_LENGTH))
                .setParameter(8, status.targetUrl()).setParameter(9, Instant.now()).executeUpdate())) > 0;
    }

    /** This state of the status was delivered or given up; a newer state claimed since is still to be sent. */
    void finished(String source, CommitStatus status) {
        await(() -> sessions.withTransaction(session -> session.createNamedQuery(SentStatus.FINISHED)
                .setParameter("id", id(source, status)).setParameter("state", status.state().name())
                .executeUpdate()));
    }

    /** Statuses claimed before {@code before} whose sending did not finish, oldest first; those older than kept are forgotten. */
    List<SentStatus> unfinished(Instant before) {
        return await(() -> sessions.withTransaction(session -> session.createNamedQuery(SentStatus.DELETE_BEFORE)
                .setParameter("before", Instant.now().minus(KEPT)).executeUpdate()
                .chain(() -> session.createNamedQuery(SentStatus.UNFINISHED, SentStatus.class)
                        .setParameter("before", before).getResultList())));
    }

    private static String id(String source, CommitStatus status) {
        return source + " " + status.sha() + " " + status.context();
    }

    private static <T> T await(Supplier<Uni<T>> statement) {
        try {
            return VertxContextSupport.subscribeAndAwait(statement);
        } catch (Throwable e) {
            throw new IllegalStateException("the statuses sent cannot be read or written: " + e.getMessage(), e);
        }
    }
}
