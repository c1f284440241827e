package io.flotilla.observer.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import io.flotilla.observer.bootstrap.Bootstrap;
import io.flotilla.observer.trend.Trends;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * What the events of a moment change as a whole, worked out once for all of them rather than once for each: per
 * cluster, whether its bootstrap is done and how many of its releases are Ready this hour; per commit, how long it
 * took to be rendered and applied. A cold sync brings thousands of events for the same few clusters and one commit;
 * asking these questions for each event made each event cost more than the one before (every release of the cluster
 * counted again) and made the intake's lanes wait on each other's locks of the same rows.
 *
 * <p>The intake names the clusters and commits its events touched once they are kept; every {@code interval} the
 * questions are asked of what is committed by then, so an answer never misses an event kept before it. A question
 * that fails (the database gone for a moment) is asked again at the next turn. After a start, the clusters whose
 * bootstrap is not done are asked about once, in case the events that completed them were kept just before a stop.
 */
@ApplicationScoped
public class Recounts {

    private static final Logger LOG = Logger.getLogger(Recounts.class);

    private final Mutiny.SessionFactory sessions;
    private final Bootstrap bootstrap;
    private final Trends trends;
    private final Duration interval;
    private final Set<String> bootstraps = ConcurrentHashMap.newKeySet();
    /** Per cluster, the latest hour a change of its releases was kept in. */
    private final Map<String, Instant> readyCounts = new ConcurrentHashMap<>();
    private final Set<String> journeys = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "recounts");
        thread.setDaemon(true);
        return thread;
    });

    public Recounts(Mutiny.SessionFactory sessions, Bootstrap bootstrap, Trends trends,
            @ConfigProperty(name = "flotilla.observer.recount-interval", defaultValue = "500ms") Duration interval) {
        this.sessions = sessions;
        this.bootstrap = bootstrap;
        this.trends = trends;
        this.interval = interval;
    }

    @PostConstruct
    void start() {
        timer.execute(() -> {
            try {
                bootstraps.addAll(VertxContextSupport.subscribeAndAwait(bootstrap::unsettled));
            } catch (Throwable e) {
                LOG.warnf("the clusters whose bootstrap is not done could not be read at start: %s", e.getMessage());
            }
        });
        timer.scheduleWithFixedDelay(this::recount, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    /** A release event about {@code cluster} was kept: every release rendered for it may be Ready now. */
    public void bootstrapMayBeDone(String cluster) {
        bootstraps.add(cluster);
    }

    /** A release on {@code cluster} was applied, or found in another status, at {@code at}. */
    public void releasesChanged(String cluster, Instant at) {
        readyCounts.merge(cluster, at, (known, later) -> later.isAfter(known) ? later : known);
    }

    /** A release of the commit of this journey was rendered or applied, and the event kept. */
    public void journeyMoved(String correlationId) {
        if (correlationId != null) {
            journeys.add(correlationId);
        }
    }

    private void recount() {
        for (String cluster : taken(bootstraps)) {
            ask(bootstraps, cluster, () -> bootstrap.settle(cluster));
        }
        for (String cluster : List.copyOf(readyCounts.keySet())) {
            Instant at = readyCounts.remove(cluster);
            try {
                VertxContextSupport.subscribeAndAwait(() -> sessions.withTransaction(
                        session -> trends.releasesChanged(session, cluster, at)));
            } catch (Throwable e) {
                releasesChanged(cluster, at);
                LOG.warnf("the releases Ready of %s were not counted yet, counted again shortly: %s", cluster,
                        e.getMessage());
            }
        }
        for (String journey : taken(journeys)) {
            ask(journeys, journey, () -> sessions.withTransaction(session -> trends.journeyMoved(session, journey)));
        }
    }

    private static List<String> taken(Set<String> named) {
        List<String> taken = new ArrayList<>(named);
        named.removeAll(taken);
        return taken;
    }

    private static void ask(Set<String> named, String name, Supplier<Uni<Void>> question) {
        try {
            VertxContextSupport.subscribeAndAwait(question);
        } catch (Throwable e) {
            named.add(name);
            LOG.warnf("the counts of %s were not kept yet, asked again shortly: %s", name, e.getMessage());
        }
    }
}
