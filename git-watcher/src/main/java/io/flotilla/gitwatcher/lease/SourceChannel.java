package io.flotilla.gitwatcher.lease;

import java.util.concurrent.Executor;

import io.flotilla.leases.DatabaseChannel;

/**
 * What the git-watcher instances tell each other on their {@link DatabaseChannel}: sources were added or removed
 * through the API (every instance reads them again at once), leases were given back (the others take them at once),
 * and a webhook that reached an instance not holding its source asks the holder to fetch. A notification missed while
 * an instance reconnects is made good by its next tick, which reads the sources and leases again, and a fetch asked of
 * no one (the source between two holders) by the fetch every new holder makes when it takes a lease.
 */
public final class SourceChannel implements AutoCloseable {

    /** What an instance does on a notification; called on the executor given to {@link #listen}. */
    public interface Listener {

        /** Sources were added or removed, or leases given back: read them again. */
        void changed();

        /** A webhook asked for a fetch of {@code id}. */
        void fetchAsked(String id);
    }

    private static final String CHANGED = "changed";
    private static final String FETCH = "fetch:";

    private final DatabaseChannel channel;

    /** @param channel named by the service's schema: the services of one database never mix */
    public SourceChannel(DatabaseChannel channel) {
        this.channel = channel;
    }

    /**
     * Listens from now on, reconnecting when the connection drops; each (re)connection counts as a change, since
     * notifications may have been missed meanwhile.
     *
     * @throws IllegalStateException when the database cannot be reached at all
     */
    public void listen(Listener listener, Executor executor) {
        channel.listen(listener::changed, payload -> {
            if (payload.startsWith(FETCH)) {
                listener.fetchAsked(payload.substring(FETCH.length()));
            } else {
                listener.changed();
            }
        }, executor);
    }

    /** Tells every instance, this one included, that sources or leases changed. Returns at once. */
    public void changed() {
        channel.tell(CHANGED);
    }

    /** Asks whichever instance holds {@code id} to fetch it. Returns at once: safe on an event loop. */
    public void askFetch(String id) {
        channel.tell(FETCH + id);
    }

    @Override
    public void close() {
        channel.close();
    }
}
