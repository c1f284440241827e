package io.flotilla.gitwatcher.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The ids of the webhook deliveries accepted in the last {@link #KEPT}, in PostgreSQL so that every instance refuses
 * a delivery another accepted. GitHub lets a user redeliver a delivery of the last three days; older ids are
 * forgotten as new ones arrive, at most every ten minutes. The id is a header the signature does not cover: this
 * refuses a delivery sent again as it was, and the signature is what refuses one made up.
 */
@Singleton
public class AcceptedDeliveries {

    static final Duration KEPT = Duration.ofDays(7);
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]*");
    /** Longer than any host's delivery id (GitHub's and GitLab's are UUIDs). */
    private static final int MAX_ID_LENGTH = 200;

    /** Ids older than {@link #KEPT} are forgotten at most this often, not at every delivery. */
    private static final Duration FORGET_EVERY = Duration.ofMinutes(10);

    private final Pool pool;
    private final String table;
    private final AtomicLong lastForgotten = new AtomicLong();

    public AcceptedDeliveries(Pool pool,
            @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema '" + schema + "' must be lower-case letters, digits and '_'");
        }
        this.pool = pool;
        this.table = schema + ".webhook_delivery";
    }

    /**
     * Records the delivery {@code id} of {@code host}; true the first time, false when it was accepted before (by
     * any instance). Two instances given the same delivery at once cannot both get true.
     */
    public Uni<Boolean> firstTime(String host, String id) {
        String key = host + "/" + (id.length() > MAX_ID_LENGTH ? id.substring(0, MAX_ID_LENGTH) : id);
        return pool.preparedQuery("INSERT INTO " + table + " (id, accepted_at) VALUES ($1, now())"
                        + " ON CONFLICT (id) DO NOTHING")
                .execute(Tuple.of(key))
                .map(rows -> rows.rowCount() == 1)
                .call(this::forgetOld);
    }

    private Uni<?> forgetOld() {
        long now = System.nanoTime();
        long last = lastForgotten.get();
        if (last != 0 && now - last < FORGET_EVERY.toNanos() || !lastForgotten.compareAndSet(last, now)) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("DELETE FROM " + table + " WHERE accepted_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) KEPT.toSeconds()));
    }
}
