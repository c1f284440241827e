package io.flotilla.observer.objecttree;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.flotilla.events.ReleaseKey;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * The trees of the releases whose page is open, each followed so that the page hears when its tree changed: a Pod
 * gone, restarted or unready, a new ReplicaSet, a Job done. A Pod's status changes many times a second across a
 * fleet, so nothing is sent per object change: every interval, the tree of each followed release whose cluster saw a
 * change is drawn again and compared with the last one drawn, and only a tree that differs is told, once for all
 * changes of that interval. Releases nobody looks at cost nothing. Whoever draws the trees of clusters this instance
 * does not watch hears which clusters have a page open ({@link Demand}).
 */
@ApplicationScoped
public class TreeFollowers {

    private static final Logger LOG = Logger.getLogger(TreeFollowers.class);

    private final ObjectTrees trees;
    private final Duration interval;
    private final Set<Follower> followers = ConcurrentHashMap.newKeySet();
    private final List<Demand> demands = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService ticker;

    public TreeFollowers(ObjectTrees trees,
            @ConfigProperty(name = "flotilla.dashboard.tree-interval", defaultValue = "500ms") Duration interval) {
        this.trees = trees;
        this.interval = interval;
    }

    /** Who hears which clusters' trees are followed; told on the thread that opens or closes a page's stream. */
    public interface Demand {

        /** A page of a release of the cluster is followed now, maybe besides others. */
        void followed(String cluster);

        /** One page of a release of the cluster is no longer followed. */
        void unfollowed(String cluster);
    }

    public void listen(Demand demand) {
        demands.add(demand);
    }

    /**
     * The release's tree changed, as often as it does but at most once an interval; from the tree as it was when its
     * cluster had seen {@code since} changes ({@link ObjectTrees#changes}), so a change between drawing a page and
     * following it is told too.
     */
    public Multi<ReleaseKey> follow(ReleaseKey release, ReleaseObjects roots, long since) {
        return Multi.createFrom().emitter(emitter -> {
            Follower follower = new Follower(release, roots, since, emitter);
            followers.add(follower);
            demands.forEach(demand -> demand.followed(release.cluster()));
            emitter.onTermination(() -> {
                followers.remove(follower);
                demands.forEach(demand -> demand.unfollowed(release.cluster()));
            });
            start();
        });
    }

    /** The release applied a new revision: its followers follow the tree under its objects from now on. */
    public void revised(ReleaseKey release, ReleaseObjects roots) {
        followers.stream().filter(follower -> follower.release.equals(release))
                .forEach(follower -> follower.roots = roots);
    }

    private synchronized void start() {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "tree-followers");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Every interval (a test calls it itself, with an interval too long to come). */
    void tick() {
        for (Follower follower : followers) {
            try {
                follower.look();
            } catch (RuntimeException e) {
                LOG.warnf(e, "release %s: its tree could not be drawn", follower.release);
            }
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    private final class Follower {
        final ReleaseKey release;
        final MultiEmitter<? super ReleaseKey> emitter;
        volatile ReleaseObjects roots;
        ReleaseObjects drawnFrom;
        long seen;
        List<ObjectNode> drawn;

        Follower(ReleaseKey release, ReleaseObjects roots, long since, MultiEmitter<? super ReleaseKey> emitter) {
            this.release = release;
            this.roots = roots;
            this.seen = since;
            this.emitter = emitter;
        }

        /** Called by the ticker only. */
        void look() {
            long changes = trees.changes(release.cluster());
            ReleaseObjects now = roots;
            if (changes == seen && now == drawnFrom) {
                return;
            }
            List<ObjectNode> tree = trees.of(release.cluster(), now);
            boolean changedSinceShown = drawn == null ? changes != seen : !tree.equals(drawn);
            seen = changes;
            drawnFrom = now;
            drawn = tree;
            if (changedSinceShown) {
                emitter.emit(release);
            }
        }
    }
}
