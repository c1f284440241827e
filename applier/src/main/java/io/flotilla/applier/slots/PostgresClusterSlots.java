package io.flotilla.applier.slots;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.flotilla.applier.queue.SharedSlots;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * The clusters' slots in the applier's PostgreSQL schema, one row per slot, each taken, renewed and given back by a
 * single statement; {@code FOR UPDATE SKIP LOCKED} keeps two instances taking at once from waiting on each other.
 * Leases are timed by the database's clock, never an instance's. A slot's rows are made the first time an instance
 * takes slots of its cluster (or of a higher limit). The methods block until the database answers.
 */
@Singleton
public class PostgresClusterSlots implements SharedSlots {

    private static final String MAKE = """
            insert into {h-schema}cluster_slots (slot_key, cluster, slot)
            select :cluster || '#' || n, :cluster, n from generate_series(0, :limit - 1) as n
            on conflict (slot_key) do nothing""";
    private static final String TAKE = """
            with free as (
                select slot_key from {h-schema}cluster_slots
                where cluster = :cluster and slot < :limit and (holder is null or expires_at < now())
                order by slot limit :wanted for update skip locked),
            taken as (
                update {h-schema}cluster_slots s set holder = :holder,
                    expires_at = now() + :leaseMillis * interval '1 millisecond'
                from free where s.slot_key = free.slot_key returning s.slot)
            select count(*) from taken""";
    private static final String WANT = """
            insert into {h-schema}cluster_slot_demand (demand_key, cluster, holder, until)
            values (:cluster || ' ' || :holder, :cluster, :holder, now() + :leaseMillis * interval '1 millisecond')
            on conflict (demand_key) do update set until = excluded.until""";
    private static final String SATISFIED = """
            delete from {h-schema}cluster_slot_demand where demand_key = :cluster || ' ' || :holder""";
    private static final String GIVE = """
            update {h-schema}cluster_slots set holder = null, expires_at = null
            where slot_key in (select slot_key from {h-schema}cluster_slots
                where cluster = :cluster and holder = :holder order by slot desc limit :count for update)""";
    private static final String RENEW = """
            with renewed as (
                update {h-schema}cluster_slots set expires_at = now() + :leaseMillis * interval '1 millisecond'
                where holder = :holder returning cluster)
            select r.cluster, count(*),
                (select count(*) from {h-schema}cluster_slot_demand d
                    where d.cluster = r.cluster and d.holder <> :holder and d.until >= now())
            from renewed r group by r.cluster""";
    private static final String GIVE_ALL = """
            update {h-schema}cluster_slots set holder = null, expires_at = null where holder = :holder""";

    private final String holder = UUID.randomUUID().toString();
    private final long leaseMillis;
    private final Map<String, Integer> made = new ConcurrentHashMap<>();
    private final Set<String> wanting = ConcurrentHashMap.newKeySet();

    @Inject
    public PostgresClusterSlots(
            @ConfigProperty(name = "flotilla.clusters.slot-lease", defaultValue = "15s") Duration lease) {
        if (lease.toMillis() < 1) {
            throw new IllegalArgumentException("flotilla.clusters.slot-lease must be positive, not " + lease);
        }
        this.leaseMillis = lease.toMillis();
    }

    @Override
    public int take(String cluster, int limit, int wanted) {
        boolean make = made.getOrDefault(cluster, 0) < limit;
        boolean wasWanting = wanting.contains(cluster);
        long taken = await(() -> Panache.withTransaction(() -> Panache.getSession().flatMap(session -> {
            Uni<Integer> rows = make
                    ? session.createNativeQuery(MAKE).setParameter("cluster", cluster).setParameter("limit", limit)
                            .executeUpdate()
                    : Uni.createFrom().item(0);
            return rows.flatMap(ignored -> session.createNativeQuery(TAKE, Long.class).setParameter("cluster", cluster)
                    .setParameter("limit", limit).setParameter("wanted", wanted).setParameter("holder", holder)
                    .setParameter("leaseMillis", leaseMillis).getSingleResult())
                    .flatMap(count -> {
                        if (count < wanted) {
                            return session.createNativeQuery(WANT).setParameter("cluster", cluster)
                                    .setParameter("holder", holder).setParameter("leaseMillis", leaseMillis)
                                    .executeUpdate().replaceWith(count);
                        }
                        return wasWanting
                                ? session.createNativeQuery(SATISFIED).setParameter("cluster", cluster)
                                        .setParameter("holder", holder).executeUpdate().replaceWith(count)
                                : Uni.createFrom().item(count);
                    });
        })));
        if (make) {
            made.merge(cluster, limit, Math::max);
        }
        if (taken < wanted) {
            wanting.add(cluster);
        } else {
            wanting.remove(cluster);
        }
        return (int) taken;
    }

    @Override
    public void give(String cluster, int count) {
        await(() -> Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery(GIVE).setParameter("cluster", cluster).setParameter("holder", holder)
                .setParameter("count", count).executeUpdate())));
    }

    @Override
    public Map<String, Holding> renew() {
        List<Object[]> rows = await(() -> Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery(RENEW, Object[].class).setParameter("holder", holder)
                .setParameter("leaseMillis", leaseMillis).getResultList())));
        Map<String, Holding> held = new HashMap<>();
        for (Object[] row : rows) {
            held.put((String) row[0], new Holding(((Number) row[1]).intValue(), ((Number) row[2]).intValue()));
        }
        return held;
    }

    @Override
    public void giveAll() {
        await(() -> Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery(GIVE_ALL).setParameter("holder", holder).executeUpdate())));
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException("the clusters' slots could not be read or written: " + e.getMessage(), e);
        }
    }
}
