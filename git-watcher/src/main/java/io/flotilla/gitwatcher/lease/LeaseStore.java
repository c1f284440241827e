package io.flotilla.gitwatcher.lease;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/**
 * The lease and heartbeat rows, in SQL. Every expiry is set and compared with the database's {@code now()}, so the
 * instances' clocks never have to agree. Blocking: called from the lease thread and REST workers, never from an event
 * loop.
 */
public final class LeaseStore {

    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]*");

    /** Far longer than these statements take; a database this slow is treated as out of reach. */
    private static final Duration STATEMENT_LIMIT = Duration.ofSeconds(30);

    private final Pool pool;
    private final String leases;
    private final String instances;

    /** @param schema where the tables are ({@code quarkus.hibernate-orm.database.default-schema}) */
    public LeaseStore(Pool pool, String schema) {
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema '" + schema + "' must be lower-case letters, digits and '_'");
        }
        this.pool = pool;
        this.leases = schema + ".source_lease";
        this.instances = schema + ".watcher_instance";
    }

    /** Marks {@code instance} alive for {@code duration}; returns how many instances are alive, itself included. */
    public int heartbeat(String instance, Duration duration) {
        run(pool.preparedQuery("INSERT INTO " + instances + " (id, expires_at) VALUES ($1, now() + make_interval(secs => $2))"
                + " ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at")
                .execute(Tuple.of(instance, seconds(duration))));
        // Instances dead for longer than a lease are forgotten: nothing of theirs can still be valid.
        run(pool.preparedQuery("DELETE FROM " + instances + " WHERE expires_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of(seconds(duration))));
        return run(pool.query("SELECT count(*) FROM " + instances + " WHERE expires_at > now()").execute())
                .iterator().next().getLong(0).intValue();
    }

    /** Whether {@code instance} is alive: its heartbeat has not expired. */
    public boolean alive(String instance) {
        return run(pool.preparedQuery("SELECT 1 FROM " + instances + " WHERE id = $1 AND expires_at > now()")
                .execute(Tuple.of(instance))).size() > 0;
    }

    /** Extends the leases {@code instance} still holds among {@code ids}; returns those it holds. */
    public Set<String> renew(String instance, Collection<String> ids, Duration duration) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return ids(run(pool.preparedQuery("UPDATE " + leases + " SET expires_at = now() + make_interval(secs => $2)"
                + " WHERE owner = $1 AND source_id = ANY($3) AND expires_at > now() RETURNING source_id")
                .execute(Tuple.of(instance, seconds(duration), array(ids)))));
    }

    /**
     * Takes at most {@code most} of {@code candidates} that no other instance holds (never leased, given back, or
     * expired); two instances taking the same one at once cannot both get it. Returns those taken.
     */
    public Set<String> claim(String instance, Collection<String> candidates, int most, Duration duration) {
        if (candidates.isEmpty() || most <= 0) {
            return Set.of();
        }
        return ids(run(pool.preparedQuery("INSERT INTO " + leases + " AS lease (source_id, owner, expires_at)"
                + " SELECT candidate.id, $1, now() + make_interval(secs => $2)"
                + " FROM unnest($3::varchar[]) AS candidate(id)"
                + " WHERE NOT EXISTS (SELECT 1 FROM " + leases + " held"
                + "   WHERE held.source_id = candidate.id AND held.expires_at > now() AND held.owner <> $1)"
                + " ORDER BY random() LIMIT $4"
                + " ON CONFLICT (source_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at"
                + " WHERE lease.expires_at <= now() OR lease.owner = excluded.owner"
                + " RETURNING source_id")
                .execute(Tuple.of(instance, seconds(duration), array(candidates), (long) most))));
    }

    /** Gives back what {@code instance} holds among {@code ids}: another instance may take them at once. */
    public void release(String instance, Collection<String> ids) {
        if (!ids.isEmpty()) {
            run(pool.preparedQuery("DELETE FROM " + leases + " WHERE owner = $1 AND source_id = ANY($2)")
                    .execute(Tuple.of(instance, array(ids))));
        }
    }

    /** Gives back what {@code instance} holds of sources not in {@code known}: they are no longer watched. */
    public void releaseAllBut(String instance, Collection<String> known) {
        run(pool.preparedQuery("DELETE FROM " + leases + " WHERE owner = $1 AND NOT (source_id = ANY($2))")
                .execute(Tuple.of(instance, array(known))));
    }

    /** Who holds each of {@code ids} now; a source no one holds is absent. */
    public Map<String, String> owners(Collection<String> ids) {
        Map<String, String> owners = new HashMap<>();
        if (!ids.isEmpty()) {
            run(pool.preparedQuery("SELECT source_id, owner FROM " + leases
                    + " WHERE source_id = ANY($1) AND expires_at > now()").execute(Tuple.of(array(ids))))
                    .forEach(row -> owners.put(row.getString(0), row.getString(1)));
        }
        return owners;
    }

    /** {@code instance} stops: its leases and its heartbeat go, so that the others need not wait for them to expire. */
    public void leave(String instance) {
        run(pool.preparedQuery("DELETE FROM " + leases + " WHERE owner = $1").execute(Tuple.of(instance)));
        run(pool.preparedQuery("DELETE FROM " + instances + " WHERE id = $1").execute(Tuple.of(instance)));
    }

    private static Set<String> ids(RowSet<Row> rows) {
        Set<String> ids = new HashSet<>();
        rows.forEach(row -> ids.add(row.getString(0)));
        return ids;
    }

    /** One parameter of type {@code varchar[]}: typed Object, so that a Tuple's varargs never spread it. */
    private static Object array(Collection<String> ids) {
        return ids.toArray(String[]::new);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static <T> T run(Future<T> statement) {
        try {
            return statement.toCompletionStage().toCompletableFuture()
                    .get(STATEMENT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("lease store failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("lease store did not answer within " + STATEMENT_LIMIT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the lease store", e);
        }
    }
}
