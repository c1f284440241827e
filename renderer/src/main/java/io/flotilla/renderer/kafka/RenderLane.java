package io.flotilla.renderer.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.EventType;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.renderer.metrics.RenderMetrics;
import io.flotilla.renderer.render.CommitRenderer;
import io.flotilla.renderer.source.CommitNotFoundException;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/**
 * The one thread that renders and publishes, so that renderings reach the topic in the order they were made: the
 * commits in their topic order, and the renders again of a cluster that joined, was relabelled or whose
 * capabilities changed in between; a cluster that left is forgotten on it too, in its turn. Before
 * its first render it takes back what the rendered topic holds ({@link RenderedTopicHistory}), so that removals
 * are computed against what was published and the render cache starts where the last renderer left off.
 *
 * <p>A commit not yet in the renderer's clone of its repository is fetched off the lane, a few repositories at once
 * and one fetch of a repository at a time, and comes back to the lane to render once fetched: a host slow to answer,
 * or not answering at all, holds up its own repository's commits only, not the lane (a newer commit of the
 * repository waits for the fetch under way, and takes the place of the one that waited). A commit already in the
 * clone renders at once.
 *
 * <p>Nothing is dropped for a fault that may pass, and one repository's fault holds no other repository: a commit
 * whose repository cannot be fetched, or whose render fails for a reason that may pass (a chart repository out of
 * reach), is <em>held</em>: kept aside unacknowledged, its repository and reason logged and counted
 * ({@link RenderMetrics#repositoriesHeld}), and tried again (its fetch off the lane) after a pause that doubles up to
 * {@code flotilla.renderer.retry-longest-pause}, while the lane renders the commits of other repositories. A newer
 * commit of a held repository takes its place (the held one is acknowledged: the newer one, later on the same
 * partition, keeps the offset from passing it). Chart sources are waited for {@code flotilla.renderer.chart-source-wait}
 * at most; then the releases of a source still out of reach fail with the reason and the commit goes on, so that a
 * source gone for good does not hold the commits that may fix it. A publish Kafka refuses is tried again in place:
 * Kafka is every repository's. Only a commit that can never be rendered (its repository does not have it) fails,
 * and goes to the dead-letter topic. On shutdown the work in hand, the commits being fetched and the commits held are
 * left unacknowledged for the next renderer.
 */
@ApplicationScoped
public class RenderLane {

    static final String SOURCE = "renderer";

    private static final Logger LOG = Logger.getLogger(RenderLane.class);
    /** Sends in flight at once: enough to keep the producer's batches full, few enough for the emitter's buffer. */
    private static final int SENDS_IN_FLIGHT = 64;
    /**
     * Repositories fetched at once, off the lane: a few hosts that do not answer (each fetch waits for JGit's
     * timeout) leave room for the others, and the renderer never opens more connections than this.
     */
    private static final int FETCHES_AT_ONCE = 4;

    private final CommitRenderer renderer;
    private final MutinyEmitter<String> rendered;
    private final RenderMetrics metrics;
    private final RenderedTopicHistory history;
    private final Duration firstPause;
    private final Duration longestPause;
    private final Duration chartSourceWait;
    private final ExecutorService lane = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "render-lane");
        thread.setDaemon(true);
        return thread;
    });
    /** Where held commits wait for their pause to pass before they queue on the lane again. */
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "render-lane-retries");
        thread.setDaemon(true);
        return thread;
    });
    /**
     * Where a commit not yet in its repository's clone is fetched, so that a host slow to answer, or not answering
     * at all, holds only its own repository's commits; the commit then comes back to the lane to render.
     */
    private final ExecutorService fetching = Executors.newFixedThreadPool(FETCHES_AT_ONCE, task -> {
        Thread thread = new Thread(task, "render-lane-fetch");
        thread.setDaemon(true);
        return thread;
    });
    /** The correlation id and order of each repository's last commit: renders again of it carry them. */
    private final Map<String, Correlation> correlations = new HashMap<>();
    /** The commit each held repository waits at; on the lane only. */
    private final Map<String, HeldCommit> held = new HashMap<>();
    /** The fetch under way of each repository being fetched, with the commit that waits for it; on the lane only. */
    private final Map<String, Fetch> fetches = new HashMap<>();
    private final Set<String> clustersWaiting = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private boolean restored;

    @Inject
    RenderLane(CommitRenderer renderer, @Channel("rendered") MutinyEmitter<String> rendered, RenderMetrics metrics,
            RenderedTopicHistory history,
            @ConfigProperty(name = "flotilla.renderer.retry-first-pause") Duration firstPause,
            @ConfigProperty(name = "flotilla.renderer.retry-longest-pause") Duration longestPause,
            @ConfigProperty(name = "flotilla.renderer.chart-source-wait") Duration chartSourceWait) {
        this.renderer = renderer;
        this.rendered = rendered;
        this.metrics = metrics;
        this.history = history;
        this.firstPause = firstPause;
        this.longestPause = longestPause;
        this.chartSourceWait = chartSourceWait;
    }

    /**
     * Renders and publishes the commit, the {@code order}-th record of {@code partition} of the commits topic; or
     * holds it, when its repository cannot be fetched or its render fails for a reason that may pass, and tries it
     * again after a growing pause while the commits of other repositories go on. A newer commit of a held repository
     * takes the held one's place (newest wins); one older than what the rendered topic holds for its repository (read
     * again after a restart or a partition's move) is done at once.
     *
     * @return {@code next}: done when the next commit may be taken (this one done or held); {@code done}: done when
     *         every rendering is on the topic or a newer commit replaced this one, failed when the commit can never be
     *         rendered, never done when the renderer stops first or the partition goes to another renderer
     */
    Taken commit(Envelope<CommitDetected> commit, long order, TopicPartition partition) {
        Context trace = Context.current();
        Taken taken = new Taken(new CompletableFuture<>(), new CompletableFuture<>());
        submit(() -> {
            try (Scope scope = trace.makeCurrent()) {
                restoreOnce();
                String repository = commit.payload().repository();
                Fetch underWay = fetches.get(repository);
                PendingCommit replacedWaiting = underWay == null ? null : underWay.replaceWaiting(null);
                if (replacedWaiting != null) {
                    replacedWaiting.done().complete(null);
                    LOG.infof("repository %s: commit %s replaces commit %s, waiting for its repository's fetch",
                            repository, commit.payload().sha(), replacedWaiting.commit().payload().sha());
                }
                HeldCommit replaced = held.remove(repository);
                if (replaced != null) {
                    replaced.retry().cancel(false);
                    replaced.pending().done().complete(null);
                    LOG.infof("repository %s: commit %s replaces commit %s, held since %s (%s)", repository,
                            commit.payload().sha(), replaced.pending().commit().payload().sha(), replaced.since(),
                            replaced.reason());
                    countHeld();
                }
                Correlation last = correlations.get(repository);
                if (last != null && order < last.order()) {
                    LOG.infof("commit %s of %s (order %d) is older than the one last rendered (order %d): skipped",
                            commit.payload().sha(), repository, order, last.order());
                    taken.done().complete(null);
                } else {
                    Duration pause = replaced != null ? replaced.pending().pause()
                            : replacedWaiting != null ? replacedWaiting.pause() : firstPause;
                    PendingCommit pending = new PendingCommit(commit, order, partition, taken.done(), trace,
                            Instant.now(), pause);
                    if (underWay != null) {
                        // Renders of a repository stay in order: this one waits for the fetch under way.
                        underWay.replaceWaiting(pending);
                    } else {
                        attempt(pending, replaced == null ? null : replaced.since());
                    }
                }
                taken.next().complete(null);
            } catch (Stopping e) {
                LOG.infof("stopping: commit %s of %s is left for the next renderer", commit.payload().sha(),
                        commit.payload().repository());
            }
        });
        return taken;
    }

    /**
     * Renders and publishes {@code pending}, or holds it when that fails for a reason that may pass; a commit its
     * repository's clone does not have yet is fetched first, off the lane ({@link #fetch}).
     *
     * @param heldSince when its repository was first held, for the log line that says it renders again; null when it
     *                  was not
     */
    private void attempt(PendingCommit pending, Instant heldSince) {
        CommitDetected commit = pending.commit().payload();
        boolean inClone;
        try {
            inClone = renderer.hasCommit(commit);
        } catch (RuntimeException e) {
            hold(pending, heldSince == null ? Instant.now() : heldSince, e);
            return;
        }
        if (!inClone) {
            fetch(pending, heldSince);
            return;
        }
        long start = System.nanoTime();
        List<ReleaseRendered> releases;
        try {
            releases = renderer.render(commit, pending.order(),
                    Instant.now().isAfter(pending.firstTried().plus(chartSourceWait)));
        } catch (CommitNotFoundException e) {
            pending.done().completeExceptionally(e);
            return;
        } catch (RuntimeException e) {
            hold(pending, heldSince == null ? Instant.now() : heldSince, e);
            return;
        }
        metrics.commitRendered(Duration.ofNanos(System.nanoTime() - start), releases);
        correlations.put(commit.repository(), new Correlation(pending.commit().correlationId(), pending.order()));
        publish(releases);
        pending.done().complete(null);
        if (heldSince != null) {
            LOG.infof("repository %s renders again: commit %s rendered, held since %s", commit.repository(),
                    commit.sha(), heldSince);
        }
    }

    /**
     * Fetches {@code pending}'s repository on the fetch executor, then queues {@link #fetched} on the lane. The
     * lane goes on meanwhile; newer commits of the repository wait for this fetch, each replacing the one before.
     */
    private void fetch(PendingCommit pending, Instant heldSince) {
        CommitDetected commit = pending.commit().payload();
        Fetch fetch = new Fetch(pending, heldSince);
        fetches.put(commit.repository(), fetch);
        try {
            fetching.execute(() -> {
                RuntimeException failure = null;
                try (Scope scope = pending.trace().makeCurrent()) {
                    renderer.fetch(commit);
                } catch (RuntimeException e) {
                    failure = e;
                }
                RuntimeException reason = failure;
                submit(() -> fetched(fetch, reason));
            });
        } catch (RejectedExecutionException e) {
            fetches.remove(commit.repository());
            throw new Stopping();
        }
    }

    /**
     * On the lane, {@code fetch} is done: the commit that waits for it renders (or is fetched in its turn, when a
     * newer commit replaced the one fetched), is held with the fetch's reason when it failed, or fails when its
     * repository does not have it. Nothing waits when its partition went meanwhile.
     *
     * @param failure why the fetch failed; null when it did not
     */
    private void fetched(Fetch fetch, RuntimeException failure) {
        fetches.remove(fetch.fetched().commit().payload().repository());
        PendingCommit pending = fetch.replaceWaiting(null);
        if (pending == null) {
            countHeld();
            return;
        }
        try (Scope scope = pending.trace().makeCurrent()) {
            restoreOnce();
            if (failure == null || failure instanceof CommitNotFoundException && pending != fetch.fetched()) {
                // Fetched; or a newer commit than the one the repository lacks waits, which may be there.
                attempt(pending, fetch.heldSince());
            } else if (failure instanceof CommitNotFoundException notFound) {
                pending.done().completeExceptionally(notFound);
            } else {
                hold(pending, fetch.heldSince() == null ? Instant.now() : fetch.heldSince(), failure);
            }
        } catch (Stopping e) {
            LOG.infof("stopping: commit %s of %s, fetched, is left for the next renderer",
                    pending.commit().payload().sha(), pending.commit().payload().repository());
        } finally {
            countHeld();
        }
    }

    /**
     * Keeps {@code pending} aside, unacknowledged, and tries it again after its pause, on the lane in its turn; the
     * pause doubles up to the longest at each failure. The lane takes the next commits meanwhile.
     */
    private void hold(PendingCommit pending, Instant since, RuntimeException reason) {
        CommitDetected commit = pending.commit().payload();
        String repository = commit.repository();
        LOG.warnf("repository %s is held at commit %s, tried again in %s (its newer commits take its place, other"
                + " repositories' commits go on): %s", repository, commit.sha(), pending.pause(), reason.getMessage());
        LOG.debug("the failure", reason);
        Duration doubled = pending.pause().multipliedBy(2);
        PendingCommit next = pending.withPause(doubled.compareTo(longestPause) > 0 ? longestPause : doubled);
        HeldCommit[] holding = new HeldCommit[1];
        ScheduledFuture<?> retry;
        try {
            retry = retries.schedule(() -> submit(() -> retryHeld(holding[0])), pending.pause().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            throw new Stopping();
        }
        holding[0] = new HeldCommit(next, since, reason.getMessage(), retry);
        held.put(repository, holding[0]);
        countHeld();
    }

    /** {@code holding} tried again, unless a newer commit replaced it or its partition went meanwhile. */
    private void retryHeld(HeldCommit holding) {
        String repository = holding.pending().commit().payload().repository();
        if (held.get(repository) != holding) {
            return;
        }
        held.remove(repository);
        try (Scope scope = holding.pending().trace().makeCurrent()) {
            restoreOnce();
            attempt(holding.pending(), holding.since());
        } catch (Stopping e) {
            LOG.infof("stopping: commit %s of %s, held, is left for the next renderer",
                    holding.pending().commit().payload().sha(), repository);
        } finally {
            countHeld();
        }
    }

    /**
     * Counts the repositories held: those waiting for their next try and those whose try is fetching now, so that
     * the count does not fall to nothing at each try of a repository still out of reach.
     */
    private void countHeld() {
        metrics.repositoriesHeld(held.size()
                + (int) fetches.values().stream().filter(fetch -> fetch.heldSince() != null).count());
    }

    /**
     * The commits topic's partitions that went to another renderer (or were lost): the commits held of them are
     * dropped, unacknowledged, so that only the renderer that has the partition now renders them (it reads them
     * again from the last offset committed, which never passed a held commit).
     */
    void partitionsRevoked(Collection<TopicPartition> partitions) {
        Set<TopicPartition> gone = Set.copyOf(partitions);
        submit(() -> {
            held.values().removeIf(holding -> {
                if (!gone.contains(holding.pending().partition())) {
                    return false;
                }
                holding.retry().cancel(false);
                LOG.infof("partition %s went: commit %s of %s, held, is left to the renderer that takes it",
                        holding.pending().partition(), holding.pending().commit().payload().sha(),
                        holding.pending().commit().payload().repository());
                return true;
            });
            countHeld();
            // The fetch under way goes on (its repository's next fetch waits for it); nothing renders after it.
            fetches.values().forEach(fetch -> {
                PendingCommit waiting = fetch.waiting();
                if (waiting != null && gone.contains(waiting.partition())) {
                    fetch.replaceWaiting(null);
                    LOG.infof("partition %s went: commit %s of %s, being fetched, is left to the renderer that"
                            + " takes it", waiting.partition(), waiting.commit().payload().sha(),
                            waiting.commit().payload().repository());
                }
            });
        });
    }

    /**
     * Renders again, and publishes what changed, the last commit of each repository for {@code cluster}: it joined,
     * its labels or its capabilities changed.
     */
    void clusterChanged(String cluster) {
        if (!clustersWaiting.add(cluster)) {
            return;
        }
        submit(() -> {
            clustersWaiting.remove(cluster);
            try {
                restoreOnce();
                Instant sourcesGiveUp = Instant.now().plus(chartSourceWait);
                publish(retrying("render again for cluster " + cluster,
                        () -> renderer.renderAgain(cluster, Instant.now().isAfter(sourcesGiveUp))));
            } catch (CommitNotFoundException e) {
                LOG.errorf("cannot render again for cluster %s: %s", cluster, e.getMessage());
            } catch (Stopping e) {
                LOG.infof("stopping: cluster %s is rendered again by the next renderer", cluster);
            }
        });
    }

    /**
     * Forgets what was rendered for {@code cluster}, which left the fleet, without publishing a removal; in order
     * with the renders before it, and so that the cluster joining again afterwards is rendered anew.
     */
    void clusterLeft(String cluster) {
        // A render again still queued runs before this and finds the cluster gone; one asked for after this must
        // be queued after it, not folded into the earlier one.
        clustersWaiting.remove(cluster);
        submit(() -> {
            try {
                // What the rendered topic holds for the cluster is taken back first, so that it is forgotten too.
                restoreOnce();
                renderer.forgetCluster(cluster);
            } catch (Stopping e) {
                LOG.infof("stopping: cluster %s is forgotten by the next renderer", cluster);
            }
        });
    }

    /**
     * What was last published from {@code repository}, once the rendered topic is taken back: what a preview is
     * compared with. In its turn on the lane, so never in the middle of a commit's render.
     */
    CompletableFuture<List<ReleaseRendered>> published(String repository) {
        CompletableFuture<List<ReleaseRendered>> published = new CompletableFuture<>();
        submit(() -> {
            try {
                restoreOnce();
                published.complete(renderer.publishedOf(repository));
            } catch (RuntimeException e) {
                published.completeExceptionally(e);
            }
        });
        return published;
    }

    private void submit(Runnable work) {
        try {
            lane.execute(work);
        } catch (RejectedExecutionException e) {
            LOG.debug("stopping: no more work is taken");
        }
    }

    /** What the rendered topic holds, taken back once, before the first render. */
    /**
     * The commits topic's partitions were shared out again: what the rendered topic holds is read back before the
     * next work, since another renderer may have published for the repositories that come here
     * ({@link CommitsRebalance}). Queued behind the work in hand, before any commit of a partition just assigned.
     */
    void partitionsAssigned(Collection<TopicPartition> partitions) {
        submit(() -> {
            if (restored) {
                LOG.infof("partitions %s assigned: the rendered topic is read back before the next commit", partitions);
                restored = false;
            }
        });
    }

    private void restoreOnce() {
        if (restored) {
            return;
        }
        int[] count = {0};
        retrying("read back the rendered topic", () -> {
            history.readAll(envelope -> {
                ReleaseRendered rendering = envelope.payload();
                renderer.restore(rendering);
                if (rendering.repository() != null) {
                    correlations.merge(rendering.repository(),
                            new Correlation(envelope.correlationId(), rendering.commitOrder()),
                            (known, read) -> read.order() >= known.order() ? read : known);
                }
                count[0]++;
            });
            return null;
        });
        restored = true;
        LOG.infof("took back %d renderings from the rendered topic", count[0]);
    }

    /** Publishes every rendering, the ones Kafka refused again and again until none is left. */
    private void publish(List<ReleaseRendered> releases) {
        List<ReleaseRendered> left = releases;
        Duration pause = firstPause;
        while (!left.isEmpty()) {
            if (stopping) {
                throw new Stopping();
            }
            left = sendAll(left);
            if (!left.isEmpty()) {
                LOG.warnf("Kafka refused %d of the renderings; publishing them again in %s", left.size(), pause);
                pause = pause(pause);
            }
        }
    }

    /** The renderings Kafka refused. */
    private List<ReleaseRendered> sendAll(List<ReleaseRendered> releases) {
        Set<ReleaseRendered> refused = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        List<Uni<Void>> sends = new ArrayList<>();
        for (ReleaseRendered release : releases) {
            Envelope<ReleaseRendered> event = envelope(release);
            sends.add(Uni.createFrom().deferred(() -> rendered.sendMessage(KafkaRecord.of(event.key(),
                            EventCodec.encode(event))))
                    .onFailure().invoke(e -> {
                        LOG.errorf("cannot publish %s: %s", release.release(), e.getMessage());
                        refused.add(release);
                    })
                    .onFailure().recoverWithNull());
        }
        Uni.join().all(sends).usingConcurrencyOf(SENDS_IN_FLIGHT).andFailFast().await().indefinitely();
        // Kafka keeps one release's renderings in the order they were sent: the refused go again in theirs.
        return releases.stream().filter(refused::contains).toList();
    }

    private Envelope<ReleaseRendered> envelope(ReleaseRendered release) {
        Correlation correlation = correlations.get(release.repository());
        String correlationId = correlation != null ? correlation.id() : UUID.randomUUID().toString();
        EventType type = EventType.of(release);
        return new Envelope<>(UUID.randomUUID().toString(), type.wireName(), type.version(), Instant.now(), SOURCE,
                correlationId, release.key(), release);
    }

    /** The work done, tried again after a growing pause for as long as it fails for a reason that may pass. */
    private <T> T retrying(String what, Supplier<T> work) {
        Duration pause = firstPause;
        while (true) {
            if (stopping) {
                throw new Stopping();
            }
            try {
                return work.get();
            } catch (CommitNotFoundException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.warnf("cannot %s, trying again in %s: %s", what, pause, e.getMessage());
                LOG.debug("the failure", e);
            }
            pause = pause(pause);
        }
    }

    /** Sleeps {@code pause}; the next pause, twice as long up to the longest. */
    private Duration pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopping();
        }
        Duration next = pause.multipliedBy(2);
        return next.compareTo(longestPause) > 0 ? longestPause : next;
    }

    @PreDestroy
    void stop() {
        stopping = true;
        retries.shutdownNow();
        fetching.shutdownNow();
        lane.shutdownNow();
    }

    /** What {@link #commit} answers: when the next commit may be taken, and when this one is done. */
    record Taken(CompletableFuture<Void> next, CompletableFuture<Void> done) {
    }

    private record Correlation(String id, long order) {
    }

    /** A commit to render; {@code pause}, the pause before it is tried again if it fails. */
    private record PendingCommit(Envelope<CommitDetected> commit, long order, TopicPartition partition,
            CompletableFuture<Void> done, Context trace, Instant firstTried, Duration pause) {

        PendingCommit withPause(Duration next) {
            return new PendingCommit(commit, order, partition, done, trace, firstTried, next);
        }
    }

    /** A commit held aside since {@code since} for {@code reason}, tried again by {@code retry}. */
    private record HeldCommit(PendingCommit pending, Instant since, String reason, ScheduledFuture<?> retry) {
    }

    /**
     * A repository's fetch under way, started for {@code fetched}, and the commit that waits for it to render: that
     * one, a newer commit of the repository that replaced it, or none when its partition went; and when the
     * repository was first held, if it was. On the lane only.
     */
    private static final class Fetch {

        private final PendingCommit fetched;
        private final Instant heldSince;
        private PendingCommit waiting;

        Fetch(PendingCommit fetched, Instant heldSince) {
            this.fetched = fetched;
            this.heldSince = heldSince;
            this.waiting = fetched;
        }

        PendingCommit fetched() {
            return fetched;
        }

        Instant heldSince() {
            return heldSince;
        }

        PendingCommit waiting() {
            return waiting;
        }

        /** The commit that waited, now replaced by {@code next}. */
        PendingCommit replaceWaiting(PendingCommit next) {
            PendingCommit before = waiting;
            waiting = next;
            return before;
        }
    }

    /** The renderer stops: the work in hand is left unacknowledged. */
    private static final class Stopping extends RuntimeException {
        Stopping() {
            super("the renderer stops", null, false, false);
        }
    }
}
