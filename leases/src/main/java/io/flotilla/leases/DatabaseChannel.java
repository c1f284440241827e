package io.flotilla.leases;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * What the instances of a service tell each other, through PostgreSQL's LISTEN/NOTIFY on one channel: a notice is
 * delivered within milliseconds to every instance listening, the sender included, and needs no table to clean up.
 * A notice sent while an instance reconnects is lost to it: every (re)connection is told to the listener, which reads
 * again what it may have missed. Listening takes a connection of its own (a listening connection cannot go back to a
 * pool); notices are sent on the pool.
 */
public final class DatabaseChannel implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DatabaseChannel.class);

    private static final Duration CONNECT_LIMIT = Duration.ofSeconds(30);
    private static final long RECONNECT_PAUSE_MILLIS = 1000;

    private final Vertx vertx;
    private final PgConnectOptions database;
    private final Pool pool;
    private final String name;
    private PgSubscriber subscriber;

    /** @param name the channel: a service's schema and what it carries ({@code gitwatcher_sources}), never mixed */
    public DatabaseChannel(Vertx vertx, PgConnectOptions database, Pool pool, String name) {
        this.vertx = vertx;
        this.database = database;
        this.pool = pool;
        this.name = name;
    }

    /** The database of {@code quarkus.datasource.*}, as a connection of its own reaches it. */
    public static PgConnectOptions connectOptions(String url, String username, Optional<String> password) {
        // Quarkus also takes the URL with the prefix of its Vert.x driver.
        String uri = url.startsWith("vertx-reactive:") ? url.substring("vertx-reactive:".length()) : url;
        PgConnectOptions options = PgConnectOptions.fromUri(uri).setUser(username);
        password.ifPresent(options::setPassword);
        return options;
    }

    /**
     * Listens from now on, reconnecting when the connection drops. Both are called on {@code executor}.
     *
     * @param connected told at each (re)connection: notices may have been missed meanwhile
     * @param notice    told each notice's payload
     * @throws IllegalStateException when the database cannot be reached at all
     */
    public synchronized void listen(Runnable connected, Consumer<String> notice, Executor executor) {
        subscriber = PgSubscriber.subscriber(vertx, database).reconnectPolicy(attempts -> RECONNECT_PAUSE_MILLIS);
        subscriber.channel(name)
                .subscribeHandler(subscribed -> dispatch(executor, connected))
                .handler(payload -> dispatch(executor, () -> notice.accept(payload)));
        try {
            subscriber.connect().toCompletionStage().toCompletableFuture()
                    .get(CONNECT_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen to channel " + name + " of PostgreSQL at " + database.getHost()
                    + ":" + database.getPort() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Tells every instance listening, this one included. Returns at once: safe on an event loop. PostgreSQL refuses a
     * payload of 8,000 bytes or more: the caller sends less.
     */
    public void tell(String payload) {
        pool.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(name, payload))
                .onFailure(e -> LOG.warnf("could not tell the other instances '%s' on channel %s: %s", abridged(payload),
                        name, e.getMessage()));
    }

    @Override
    public synchronized void close() {
        if (subscriber != null) {
            subscriber.close();
            subscriber = null;
        }
    }

    private static String abridged(String payload) {
        return payload.length() <= 100 ? payload : payload.substring(0, 100) + "...";
    }

    private static void dispatch(Executor executor, Runnable work) {
        try {
            executor.execute(work);
        } catch (RejectedExecutionException e) {
            // The instance is stopping: nothing more is done on notices.
        }
    }
}
