package io.flotilla.gitwatcher.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.flotilla.gitwatcher.mirror.MirrorException;
import io.flotilla.gitwatcher.preview.BranchPreviews;
import io.flotilla.gitwatcher.signature.UnverifiedCommitException;
import io.flotilla.gitwatcher.source.RefSelector;
import io.flotilla.gitwatcher.source.SourceDefinition;
import io.flotilla.gitwatcher.source.SourceStatus;

/**
 * A source with its coalesced fetch, when it is next due for a poll, and how its last fetch went. Every instance knows
 * every source; only the one holding its lease fetches it.
 */
final class WatchedSource {

    private static final Logger LOG = Logger.getLogger(WatchedSource.class);

    private final SourceSync sync;
    private final BranchPreviews previews;
    private final String origin;
    private final CoalescingTask fetch;
    private final Runnable afterFetch;
    private final BooleanSupplier held;
    private final Executor fetchThreads;
    private final MeterRegistry metrics;
    private final Timer fetchDuration;
    private final Counter commitsEmitted;
    private volatile boolean stopped;
    private volatile Instant lastPollAt;
    private volatile Instant lastFetchAt;
    private volatile Long lastFetchMillis;
    private volatile String lastError;
    private volatile String lastPreviewError;

    /**
     * @param afterFetch asked after every successful fetch: packing the mirror when it needs it
     * @param held       whether this instance holds the source's lease
     * @param previews   the source's branches previewed at each fetch
     */
    WatchedSource(SourceSync sync, String origin, Executor fetchThreads, MeterRegistry metrics, Runnable afterFetch,
            BooleanSupplier held, BranchPreviews previews) {
        this.sync = sync;
        this.previews = previews;
        this.held = held;
        this.fetchThreads = fetchThreads;
        this.afterFetch = afterFetch;
        this.origin = origin;
        this.metrics = metrics;
        this.fetchDuration = metrics.timer("flotilla.git.fetch", "source", sync.definition().id());
        this.commitsEmitted = metrics.counter("flotilla.git.commits.emitted", "source", sync.definition().id());
        this.fetch = new CoalescingTask("fetch of " + sync.source(), this::fetchNow, fetchThreads);
    }

    SourceDefinition definition() {
        return sync.definition();
    }

    SourceAccess access() {
        return new SourceAccess(definition().id(), sync.mirror(), sync.access());
    }

    String origin() {
        return origin;
    }

    void requestFetch() {
        fetch.request();
    }

    /** This instance has just been given the source (added here): fetches at once, from the position stored. */
    void startHere() {
        sync.resumeFromStoredPosition();
        lastPollAt = Instant.now();
        fetch.request();
    }

    /**
     * This instance has just taken the source's lease, from the position stored. A source another instance still alive
     * fetched within its poll interval (it gave the source back, above its share) keeps its poll schedule: fetched
     * when that interval has passed since. Any other is fetched at once: never fetched, overdue, or its last fetcher is
     * gone (died, or this very instance before a restart), so that commits whose webhooks it missed are not late.
     *
     * @param aliveOther whether an instance other than this one is alive
     */
    void takeOver(Predicate<String> aliveOther) {
        sync.resumeFromStoredPosition();
        Instant now = Instant.now();
        Optional<Instant> fetched;
        try {
            fetched = sync.lastFetched().filter(last -> aliveOther.test(last.instance)).map(last -> last.fetchedAt);
        } catch (RuntimeException e) {
            LOG.warnf("%s: cannot read when it was last fetched (%s); fetching it now", sync.source(), e.getMessage());
            fetched = Optional.empty();
        }
        if (fetched.isPresent() && now.isBefore(fetched.get().plus(definition().pollInterval()))) {
            lastPollAt = fetched.get();
            LOG.infof("%s: fetched at %s by its previous holder; next poll when its interval has passed",
                    sync.source(), fetched.get());
        } else {
            lastPollAt = now;
            fetch.request();
        }
    }

    /**
     * This instance gives the source's lease back: {@code release} runs once a fetch under way has ended, so that the
     * next holder reads the position of what it emitted.
     */
    void handOver(Runnable release) {
        try {
            fetchThreads.execute(() -> {
                sync.awaitRound();
                release.run();
            });
        } catch (RejectedExecutionException e) {
            // Stopping: no fetch runs any more.
            release.run();
        }
    }

    /** Fetches if this instance holds the source and its poll interval has passed since its last poll. */
    void pollIfDue(Instant now) {
        if (!held.getAsBoolean()) {
            return;
        }
        Instant last = lastPollAt;
        if (last == null || !now.isBefore(last.plus(definition().pollInterval()))) {
            lastPollAt = now;
            fetch.request();
        }
    }

    /** No fetch starts from now on; returns once a fetch under way has ended, its meters gone. */
    void stop() {
        stopped = true;
        sync.close();
        metrics.remove(fetchDuration);
        metrics.remove(commitsEmitted);
    }

    /** @param owner the instance holding the source's lease, null when none does */
    SourceStatus status(String owner) {
        SourceDefinition definition = definition();
        RefSelector ref = definition.source().ref();
        return new SourceStatus(definition.id(), definition.source().repository(), ref.branch(), ref.tags(),
                ref.semver(), sync.lastRef().orElse(null), definition.pollInterval().toSeconds(), definition.paths(),
                definition.signingKeys() == null ? null : definition.signingKeys().fingerprints(),
                definition.webhookSecret() != null ? "signed" : definition.unsignedWebhooks() ? "unsigned" : "none",
                definition.credentials() == null ? null : definition.credentials().username(),
                definition.credentials() == null ? null : definition.credentials().secret(), origin,
                sync.lastSeen().orElse(null), sync.lastEmitted().orElse(null), lastFetchAt, lastFetchMillis, lastError,
                owner, definition.previewBranches() == null ? null : definition.previewBranches().pattern(), null);
    }

    /** A preview that cannot be asked for is said, and never keeps the source's own commits from going out. */
    private void previewBranches() {
        try {
            previews.poll(sync.mirror(), sync.access());
            lastPreviewError = null;
        } catch (RuntimeException e) {
            String error = sync.source() + ": cannot preview the branches matching "
                    + definition().previewBranches().pattern() + ": " + e.getMessage();
            if (!error.equals(lastPreviewError)) {
                LOG.warnf(e instanceof MirrorException ? null : e, "%s; retrying at every poll", error);
            }
            lastPreviewError = error;
        }
    }

    private void fetchNow() {
        if (stopped || !held.getAsBoolean()) {
            return;
        }
        // Any fetch, a webhook's included, restarts the poll interval: a poll right after it would find nothing new.
        lastPollAt = Instant.now();
        long started = System.nanoTime();
        try {
            sync.sync().ifPresent(commit -> commitsEmitted.increment());
            previewBranches();
            afterFetch.run();
            if (lastError != null) {
                LOG.infof("%s: fetched again", sync.source());
            }
            lastError = null;
        } catch (RuntimeException e) {
            // A remote that cannot be reached, or a head refused for its signature, names itself; anything else
            // is a fault worth its stack trace.
            boolean expected = e instanceof MirrorException || e instanceof UnverifiedCommitException;
            String error = e instanceof MirrorException ? e.getMessage() : sync.source() + ": " + e.getMessage();
            // Said when it starts or changes: a repository down for hours must not flood the log.
            if (!error.equals(lastError)) {
                LOG.warnf(expected ? null : e, "%s; retrying at every poll", error);
            } else {
                LOG.debugf("%s; retrying at the next poll", error);
            }
            lastError = error;
        } finally {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            fetchDuration.record(took);
            lastFetchMillis = took.toMillis();
            lastFetchAt = Instant.now();
        }
    }
}
