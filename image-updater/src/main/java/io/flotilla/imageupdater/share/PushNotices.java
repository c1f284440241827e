package io.flotilla.imageupdater.share;

import java.util.Optional;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Tuple;

/**
 * A registry webhook passed on to the instance that scans its repository, through PostgreSQL's LISTEN/NOTIFY on
 * channel {@code flotilla_image_pushes} ({@code flotilla.images.push-notices.url}; no table, no schema: the
 * image-updater keeps nothing in the database). Every instance listens, and scans at once the repositories named
 * that it owns; a notice reaches every listener within milliseconds. A notice lost (the database out of reach, the
 * repository between two owners) costs only time: the owner scans it at its next interval, and a new owner scans
 * every repository it takes at once. Without the setting, nothing is passed on.
 */
public final class PushNotices implements AutoCloseable {

    /** What an instance does with a push another instance received. */
    public interface Listener {
        /** {@code registry} (null: any) received a push to {@code name}. */
        void pushed(String registry, String name);
    }

    private static final Logger LOG = Logger.getLogger(PushNotices.class);
    static final String CHANNEL = "flotilla_image_pushes";
    private static final long RECONNECT_MILLIS = 1000;
    private static final long RETRY_CONNECT_MILLIS = 5000;

    private final Vertx vertx;
    private final Optional<PgConnectOptions> database;
    private volatile PgSubscriber subscriber;
    private volatile boolean closed;
    private volatile boolean failedBefore;

    /**
     * @param url      {@code postgresql://[user@]host:port/database}; empty: webhooks are not passed on
     * @param username the database user, when not in the URL
     * @param password the user's password (from a Secret), when the database asks for one
     */
    public PushNotices(Vertx vertx, Optional<String> url, Optional<String> username, Optional<String> password) {
        this.vertx = vertx;
        this.database = url.filter(text -> !text.isBlank()).map(PgConnectOptions::fromUri).map(options -> {
            username.filter(user -> !user.isBlank()).ifPresent(options::setUser);
            password.filter(secret -> !secret.isEmpty()).ifPresent(options::setPassword);
            return options;
        });
    }

    /** Listens from now on, connecting again (every second) while the database does not answer. */
    public void listen(Listener listener) {
        if (database.isEmpty()) {
            LOG.info("registry webhooks are not passed on between instances (flotilla.images.push-notices.url not"
                    + " set): one that reaches an instance not scanning its repository waits for the next scan");
            return;
        }
        PgSubscriber listening = PgSubscriber.subscriber(vertx, database.get())
                .reconnectPolicy(attempts -> RECONNECT_MILLIS);
        listening.channel(CHANNEL).handler(payload -> {
            int newline = payload.indexOf('\n');
            if (newline < 0) {
                LOG.warnf("ignoring a push notice that names no repository: %s", payload);
                return;
            }
            String registry = payload.substring(0, newline);
            listener.pushed(registry.isEmpty() ? null : registry, payload.substring(newline + 1));
        });
        subscriber = listening;
        connect(listening);
    }

    private void connect(PgSubscriber listening) {
        listening.connect().onSuccess(connected -> LOG.infof("passing registry webhooks on through channel %s of"
                + " PostgreSQL at %s:%d", CHANNEL, database.get().getHost(), database.get().getPort()))
                .onFailure(e -> {
                    if (!closed) {
                        // Said once, then quietly tried again: webhooks still work for the repositories owned here.
                        LOG.logf(failedBefore ? Logger.Level.DEBUG : Logger.Level.WARN, "cannot listen to channel %s"
                                + " of PostgreSQL at %s:%d: %s; trying again every %d s", CHANNEL,
                                database.get().getHost(), database.get().getPort(), e.getMessage(),
                                RETRY_CONNECT_MILLIS / 1000);
                        failedBefore = true;
                        vertx.setTimer(RETRY_CONNECT_MILLIS, timer -> connect(listening));
                    }
                });
    }

    /**
     * Tells every instance that {@code registry} (null: any) received a push to {@code name}. Returns at once.
     *
     * @return whether it was sent (false without a connection: the push waits for the owner's next scan)
     */
    public boolean tell(String registry, String name) {
        PgSubscriber listening = subscriber;
        PgConnection connection = listening == null ? null : listening.actualConnection();
        if (connection == null) {
            LOG.warnf("the push to %s could not be passed on (no connection to PostgreSQL): its repository is"
                    + " scanned at its next interval", name);
            return false;
        }
        connection.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(CHANNEL,
                (registry == null ? "" : registry) + "\n" + name))
                .onFailure(e -> LOG.warnf("the push to %s could not be passed on: %s; its repository is scanned at"
                        + " its next interval", name, e.getMessage()));
        return true;
    }

    @Override
    public void close() {
        closed = true;
        PgSubscriber listening = subscriber;
        if (listening != null) {
            listening.close();
        }
    }
}
