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
 * <p>Nothing is dropped for a fault that may pass: a repository that cannot be fetched, a chart repository that
 * cannot be reached, a publish Kafka refuses are tried again with a growing pause, while the commit stays
 * unacknowledged: for as long as it takes, but for chart sources, which are waited for
 * {@code flotilla.renderer.chart-source-wait}; then the releases of a source still out of reach fail with the
 * reason and the commit goes on, so that a source gone for good does not hold the commits that may fix it. Only a commit that can never be rendered (its repository does not have it)
 * fails, and goes to the dead-letter topic. On shutdown the work in hand is left unacknowledged for the next
 * renderer.
 */
@ApplicationScoped
public class RenderLane {

    static final String SOURCE = "renderer";

    private static final Logger LOG = Logger.getLogger(RenderLane.class);
    /** Sends in flight at once: enough to keep the producer's batches full, few enough for the emitter's buffer. */
    private static final int SENDS_IN_FLIGHT = 64;

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
    /** The correlation id of each repository's last commit, which renders again of it carry. */
    private final Map<String, Correlation> correlations = new HashMap<>();
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
     * Renders and publishes the commit, the {@code order}-th record of the commits topic.
     *
     * @return done when every rendering is on the topic; failed when the commit can never be rendered; never done
     *         when the renderer stops first
     */
    CompletableFuture<Void> commit(Envelope<CommitDetected> commit, long order) {
        Context trace = Context.current();
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(() -> {
            try (Scope scope = trace.makeCurrent()) {
                restoreOnce();
                long start = System.nanoTime();
                Instant sourcesGiveUp = Instant.now().plus(chartSourceWait);
                List<ReleaseRendered> releases = retrying("render commit " + commit.payload().sha() + " of "
                        + commit.payload().repository(), () -> renderer.render(commit.payload(), order,
                                Instant.now().isAfter(sourcesGiveUp)));
                metrics.commitRendered(Duration.ofNanos(System.nanoTime() - start), releases);
                correlations.put(commit.payload().repository(), new Correlation(commit.correlationId(), order));
                publish(releases);
                done.complete(null);
            } catch (CommitNotFoundException e) {
                done.completeExceptionally(e);
            } catch (Stopping e) {
                LOG.infof("stopping: commit %s of %s is left for the next renderer", commit.payload().sha(),
                        commit.payload().repository());
            }
        });
        return done;
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
        lane.shutdownNow();
    }

    private record Correlation(String id, long order) {
    }

    /** The renderer stops: the work in hand is left unacknowledged. */
    private static final class Stopping extends RuntimeException {
        Stopping() {
            super("the renderer stops", null, false, false);
        }
    }
}
