package io.flotilla.applier.slots;

import java.util.function.Supplier;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.flotilla.applier.cluster.LocalRequestBudget;
import io.flotilla.applier.cluster.RequestBudget;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;

/**
 * Each cluster's requests a second for every applier instance together: one token bucket per cluster in the applier's
 * PostgreSQL schema, refilled and taken from in one statement, by the database's clock (the row is locked while it is
 * updated, so two instances taking at once are counted one after the other). When the database does not answer, or
 * the request is sent from an event loop (which must not wait for it), the tokens come from this instance's own
 * bucket: requests go on, each instance at most at the rate.
 */
@Singleton
public class PostgresRequestBudget implements RequestBudget {

    private static final Logger LOG = Logger.getLogger(PostgresRequestBudget.class);

    private static final String TAKE = """
            insert into {h-schema}request_budget as b (cluster, tokens, refilled_at)
            values (:cluster, cast(:perSecond as float8) - cast(:count as float8), clock_timestamp())
            on conflict (cluster) do update set
                tokens = least(cast(:perSecond as float8), b.tokens
                    + greatest(0, extract(epoch from clock_timestamp() - b.refilled_at)::float8)
                        * cast(:perSecond as float8)) - cast(:count as float8),
                refilled_at = clock_timestamp()
            returning tokens""";

    private final LocalRequestBudget alone = new LocalRequestBudget();
    private volatile boolean unreachable;

    @Override
    public long take(String cluster, int tokens, double perSecond) {
        if (Context.isOnEventLoopThread()) {
            return alone.take(cluster, tokens, perSecond);
        }
        try {
            double left = await(() -> Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                    .createNativeQuery(TAKE, Double.class).setParameter("cluster", cluster)
                    .setParameter("perSecond", perSecond).setParameter("count", (double) tokens).getSingleResult())));
            if (unreachable) {
                LOG.infof("cluster %s: requests a second counted for every instance again", cluster);
                unreachable = false;
            }
            return left >= 0 ? 0 : (long) (-left / perSecond * 1e9);
        } catch (RuntimeException e) {
            if (!unreachable) {
                LOG.warnf("cluster %s: requests a second counted in this instance alone until the database answers"
                        + " (%s)", cluster, e.getMessage());
                unreachable = true;
            }
            return alone.take(cluster, tokens, perSecond);
        }
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException("the clusters' request budget could not be taken: " + e.getMessage(), e);
        }
    }
}
