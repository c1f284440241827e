package io.flotilla.gitwatcher.lease;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * What the instances tell each other, through PostgreSQL's LISTEN/NOTIFY: sources were added or removed through the
 * API (every instance reads them again at once), leases were given back (the others take them at once), and a webhook
 * that reached an instance not holding its source asks the holder to fetch. A notification is delivered within
 * milliseconds to every instance listening; one missed while an instance reconnects is made good by its next tick,
 * which reads the sources and leases again, and a fetch asked of no one (the source between two holders) by the fetch
 * every new holder makes when it takes a lease.
 */
public final class SourceChannel implements AutoCloseable {

    /** What an instance does on a notification; called on the executor given to {@link #listen}. */
    public interface Listener {

        /** Sources were added or removed, or leases given back: read them again. */
        void changed();

        /** A webhook asked for a fetch of {@code id}. */
        void fetchAsked(String id);
    }

    private static final Logger LOG = Logger.getLogger(SourceChannel.class);

    private static final String CHANGED = "changed";
    private static final String FETCH = "fetch:";
    private static final Duration CONNECT_LIMIT = Duration.ofSeconds(30);
    private static final long RECONNECT_PAUSE_MILLIS = 1000;

    private final Vertx vertx;
    private final PgConnectOptions database;
    private final Pool pool;
    private final String name;
    private PgSubscriber subscriber;

    /** @param schema the service's schema, which names the channel: the services of one database never mix */
    public SourceChannel(Vertx vertx, PgConnectOptions database, Pool pool, String schema) {
        this.vertx = vertx;
        this.database = database;
        this.pool = pool;
        this.name = schema + "_sources";
    }

    /**
     * Listens from now on, reconnecting when the connection drops; each (re)connection counts as a change, since
     * notifications may have been missed meanwhile.
     *
     * @throws IllegalStateException when the database cannot be reached at all
     */
    public synchronized void listen(Listener listener, Executor executor) {
        subscriber = PgSubscriber.subscriber(vertx, database).reconnectPolicy(attempts -> RECONNECT_PAUSE_MILLIS);
        subscriber.channel(name)
                .subscribeHandler(subscribed -> dispatch(executor, listener::changed))
                .handler(payload -> dispatch(executor, () -> {
                    if (payload.startsWith(FETCH)) {
                        listener.fetchAsked(payload.substring(FETCH.length()));
                    } else {
                        listener.changed();
                    }
                }));
        try {
            subscriber.connect().toCompletionStage().toCompletableFuture()
                    .get(CONNECT_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen to channel " + name + " of PostgreSQL at " + database.getHost()
                    + ":" + database.getPort() + ": " + e.getMessage(), e);
        }
    }

    /** Tells every instance, this one included, that sources or leases changed. Returns at once. */
    public void changed() {
        notify(CHANGED);
    }

    /** Asks whichever instance holds {@code id} to fetch it. Returns at once: safe on an event loop. */
    public void askFetch(String id) {
        notify(FETCH + id);
    }

    @Override
    public synchronized void close() {
        if (subscriber != null) {
            subscriber.close();
            subscriber = null;
        }
    }

    private void notify(String payload) {
        pool.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(name, payload))
                .onFailure(e -> LOG.warnf("could not tell the other instances '%s' on channel %s: %s; they learn it"
                        + " at their next tick", payload, name, e.getMessage()));
    }

    private static void dispatch(Executor executor, Runnable work) {
        try {
            executor.execute(work);
        } catch (RejectedExecutionException e) {
            // The instance is stopping: nothing more is done on notifications.
        }
    }
}
