package io.flotilla.observer.notify;

import java.time.Instant;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.flotilla.events.ReleaseKey;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * The conditions receivers were told of ({@link ToldCondition}), changed by one statement each, so that only the
 * instance whose statement changes the row tells of the change: a condition begins once and ends once, however many
 * observers run and however often they restart. Called from the notifications' own thread: each call waits for its
 * statement.
 */
@ApplicationScoped
public class ConditionStore {

    /** What receivers hear of while it holds. */
    public enum Condition {
        FAILED, DRIFTED, HALTED
    }

    private static final String INSERT = "insert into {h-schema}told_condition (id, release_key, kind, cause, since)"
            + " values (?1, ?2, ?3, ?4, ?5)";
    private static final String BEGIN = INSERT + " on conflict (id) do nothing";
    private static final String BEGIN_FOR_CAUSE = INSERT + " on conflict (id) do update set cause = excluded.cause,"
            + " since = excluded.since where told_condition.cause is distinct from excluded.cause";
    private static final String END = "delete from {h-schema}told_condition where id = ?1";
    private static final String HOLDS = "select count(*) from {h-schema}told_condition where id = ?1";

    private final Mutiny.SessionFactory sessions;

    public ConditionStore(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Whether the condition begins now: false when it held already. */
    boolean begin(ReleaseKey release, Condition condition) {
        return changed(BEGIN, release, condition, null);
    }

    /** Whether the condition begins now, or held for another cause (another commit's halted rollout). */
    boolean beginFor(ReleaseKey release, Condition condition, String cause) {
        return changed(BEGIN_FOR_CAUSE, release, condition, cause);
    }

    /** Whether the condition ends now: false when it did not hold. */
    boolean end(ReleaseKey release, Condition condition) {
        String id = id(release, condition);
        return await(() -> sessions.withTransaction(session -> session.createNativeQuery(END)
                .setParameter(1, id).executeUpdate())) > 0;
    }

    boolean holds(ReleaseKey release, Condition condition) {
        String id = id(release, condition);
        return await(() -> sessions.withSession(session -> session.createNativeQuery(HOLDS, Long.class)
                .setParameter(1, id).getSingleResult())) > 0;
    }

    private boolean changed(String statement, ReleaseKey release, Condition condition, String cause) {
        String id = id(release, condition);
        return await(() -> sessions.withTransaction(session -> session.createNativeQuery(statement)
                .setParameter(1, id).setParameter(2, release.toString()).setParameter(3, condition.name())
                .setParameter(4, cause).setParameter(5, Instant.now()).executeUpdate())) > 0;
    }

    private static String id(ReleaseKey release, Condition condition) {
        return condition.name() + " " + release;
    }

    private static <T> T await(Supplier<Uni<T>> statement) {
        try {
            return VertxContextSupport.subscribeAndAwait(statement);
        } catch (Throwable e) {
            throw new ConditionStoreException(e);
        }
    }

    /** The database did not answer: the event is tried again. */
    static final class ConditionStoreException extends RuntimeException {
        ConditionStoreException(Throwable cause) {
            super("the told conditions cannot be read or written: " + cause.getMessage(), cause);
        }
    }
}
