package io.flotilla.gitwatcher.sync;

import java.time.Instant;
import java.util.concurrent.Executor;

import org.jboss.logging.Logger;

import io.flotilla.gitwatcher.mirror.BareMirror;
import io.flotilla.gitwatcher.mirror.MirrorException;
import io.flotilla.gitwatcher.source.SourceStatus;

/** A source with its mirror, its coalesced fetch, and how its last fetch went. */
final class WatchedSource {

    private static final Logger LOG = Logger.getLogger(WatchedSource.class);

    private final SourceSync sync;
    private final BareMirror mirror;
    private final CoalescingTask fetch;
    private volatile Instant lastFetchAt;
    private volatile String lastError;

    WatchedSource(SourceSync sync, BareMirror mirror, Executor fetchThreads) {
        this.sync = sync;
        this.mirror = mirror;
        this.fetch = new CoalescingTask("fetch of " + sync.source(), this::fetchNow, fetchThreads);
    }

    void requestFetch() {
        fetch.request();
    }

    SourceStatus status() {
        return new SourceStatus(sync.source().repository(), sync.source().branch(), sync.lastEmitted().orElse(null),
                lastFetchAt, lastError);
    }

    void close() {
        mirror.close();
    }

    private void fetchNow() {
        try {
            sync.sync();
            if (lastError != null) {
                LOG.infof("%s: fetched again", sync.source());
            }
            lastError = null;
        } catch (RuntimeException e) {
            // A remote that cannot be reached names itself; anything else is a fault worth its stack trace.
            boolean remote = e instanceof MirrorException;
            String error = remote ? e.getMessage() : sync.source() + ": " + e.getMessage();
            // Said when it starts or changes: a repository down for hours must not flood the log.
            if (!error.equals(lastError)) {
                LOG.warnf(remote ? null : e, "%s; retrying at every poll", error);
            } else {
                LOG.debugf("%s; retrying at the next poll", error);
            }
            lastError = error;
        } finally {
            lastFetchAt = Instant.now();
        }
    }
}
