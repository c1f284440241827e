package io.flotilla.observer.drift;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.jboss.logging.Logger;

import io.flotilla.events.DriftFound;
import io.flotilla.events.Envelope;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.sealing.KeyRing;
import io.flotilla.events.sealing.SopsDigests;
import io.flotilla.leases.DatabaseChannel;
import io.flotilla.observer.cluster.ClusterConnections;
import io.quarkus.runtime.Startup;

/**
 * Follows every applied release (Flux v1 and v2 HelmReleases, manifest folders) unless it says
 * {@code driftDetection.mode: disabled}, and compares it again whenever one of its live objects changes, so a drift
 * is reported as soon as the watch delivers it. All state is kept on one thread, which never waits for a cluster.
 * <p>
 * Two halves, which may be on two instances. The instance that reads a release's applied events (its partitions of
 * the applied topic) pairs each applied revision with its rendering ({@link Renderings}: every instance reads the whole
 * rendered topic for them) and keeps what the release applied in PostgreSQL ({@link DriftRecords#followed}), telling
 * every instance on the {@code followed} channel. The instance watching the release's cluster ({@link ClusterConnections}: the one holding its lease) reads
 * the cluster's followed releases from PostgreSQL when it takes the cluster and again when told, watches their live
 * objects ({@link LiveObjects}) and who owns them ({@link ObjectOwners}), compares ({@link ReleaseDrift}) and reports
 * ({@link DriftReports}); it alone writes the drift of its cluster's releases. So the releases a watcher follows
 * never depend on which topic partitions it reads.
 */
@ApplicationScoped
@Startup
public class DriftWatch {

    private static final Logger LOG = Logger.getLogger(DriftWatch.class);

    private final DriftRecords records;
    private final DriftReports reports;
    private final DatabaseChannel channel;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "drift-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final Renderings renderings = new Renderings();
    private final Map<ReleaseKey, Followed> followed = new HashMap<>();
    private final ObjectOwners owners = new ObjectOwners();
    private final LiveObjects live;

    private final ClusterConnections connections;

    private final SopsDigests sopsDigests;

    /** @param keys the installation's key ring, which the values decrypted from SOPS files are digested with */
    public DriftWatch(ClusterConnections connections, DriftRecords records, DriftReports reports,
            @Named("followed") DatabaseChannel channel, KeyRing keys) {
        this.sopsDigests = SopsDigests.withKeyRing(keys);
        this.connections = connections;
        this.records = records;
        this.reports = reports;
        this.channel = channel;
        this.live = new LiveObjects(connections::client, worker, owners::followed, new LiveObjects.Changes() {
            @Override
            public void changed(String cluster, List<ObjectRef> objects) {
                objects.stream().flatMap(ref -> owners.of(cluster, ref).stream()).distinct().toList()
                        .forEach(DriftWatch.this::check);
            }

            @Override
            public void listed(String cluster) {
                followed.keySet().stream().filter(key -> key.cluster().equals(cluster)).toList()
                        .forEach(DriftWatch.this::check);
            }
        });
    }

    @PostConstruct
    public void start() {
        channel.listen(this::readAgain, notice -> readAgain(ReleaseKey.parse(notice)), worker);
        connections.listen(new ClusterConnections.Listener() {
            @Override
            public void connected(String cluster) {
                worker.execute(() -> watch(cluster));
            }

            @Override
            public void disconnected(String cluster, boolean left) {
                awaitOnWorker(() -> stopWatching(cluster), cluster);
            }
        });
    }

    /**
     * This instance watches the cluster now (it took its lease, or it is connected anew): its followed releases are
     * read from PostgreSQL, each with the drift it reported, their live objects watched and compared. The drift of the
     * cluster's releases no longer followed is forgotten.
     */
    private void watch(String cluster) {
        try {
            Map<ReleaseKey, List<DriftFound.DriftedObject>> reported = records.drifted(cluster);
            List<DriftRecords.Followed> kept = records.followedOn(cluster);
            Set<ReleaseKey> keys = kept.stream().map(release -> release.applied().payload().release())
                    .collect(Collectors.toSet());
            followed.keySet().stream().filter(key -> key.cluster().equals(cluster) && !keys.contains(key)).toList()
                    .forEach(this::forget);
            kept.forEach(release -> follow(release, reported.getOrDefault(release.applied().payload().release(),
                    List.of())));
            records.resolvedAllBut(cluster, keys);
        } catch (RuntimeException e) {
            LOG.warnf(e, "cluster %s: drift is followed only for releases applied from now on", cluster);
        }
    }

    /** Another instance watches the cluster now, or it left: what this one followed of it is let go, in memory. */
    private void stopWatching(String cluster) {
        live.forget(cluster);
        followed.keySet().stream().filter(key -> key.cluster().equals(cluster)).toList().forEach(this::forget);
    }

    /** Its informers are closed before the cluster's client, which closes once this returns. */
    private void awaitOnWorker(Runnable work, String cluster) {
        try {
            worker.submit(work).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf(e, "cluster %s: its drift watches did not stop in time", cluster);
        }
    }

    /**
     * A release's rendering, from this instance's reading of the whole rendered topic (from its start at every start):
     * every instance knows every release's latest rendering, so an applied revision is paired whichever instance reads
     * it, and after a restart or a rebalance too.
     */
    public void rendered(ReleaseRendered release) {
        worker.execute(() -> {
            if (release.removed()) {
                renderings.removed(release.release());
            } else {
                renderings.rendered(release).ifPresent(this::keepSafely);
            }
        });
    }

    /** The release is no longer rendered (its file is gone): told once, by the instance reading its partition. */
    public void noLongerRendered(ReleaseKey release) {
        worker.execute(() -> {
            renderings.removed(release);
            unfollow(release);
        });
    }

    /**
     * @param traceparent the trace context the applied event came with, or null
     */
    public void applied(Envelope<ReleaseApplied> envelope, String traceparent) {
        worker.execute(() -> keepSafely(new AppliedEvent(envelope, traceparent)));
    }

    private void keepSafely(AppliedEvent applied) {
        try {
            keep(applied);
        } catch (RuntimeException e) {
            LOG.warnf(e, "release %s: drift cannot be followed", applied.payload().release());
        }
    }

    /** Keeps what an applied revision applied, for whichever instance watches its cluster. */
    private void keep(AppliedEvent event) {
        ReleaseApplied applied = event.payload();
        ReleaseKey key = applied.release();
        if (applied.outcome() == Outcome.Uninstalled) {
            renderings.uninstalled(key);
            unfollow(key);
            return;
        }
        if (!List.of(Outcome.Ready, Outcome.Progressing).contains(applied.outcome())) {
            return;
        }
        Followed current = followed.get(key);
        if (current != null && current.applied.envelope().id().equals(event.envelope().id())) {
            // Read again (a restart, a rebalance): followed already, with the drift it reported.
            return;
        }
        Rendering rendering = renderings.renderingOf(event).orElse(null);
        if (rendering == null) {
            return;
        }
        if (rendering.disabled()) {
            unfollow(key);
            return;
        }
        records.followed(event, new ReleaseDrift(rendering.appliedObjects(applied), rendering.options(), List.of()));
        channel.tell(key.toString());
    }

    /** The release is no longer followed, wherever its cluster is watched. */
    private void unfollow(ReleaseKey key) {
        records.unfollowed(key);
        channel.tell(key.toString());
    }

    /**
     * What {@code key} follows changed in PostgreSQL: when this instance watches its cluster, it follows the new
     * revision afresh (the drift it reported was about the one before) or lets the release go.
     */
    private void readAgain(ReleaseKey key) {
        if (!connections.connected(key.cluster())) {
            return;
        }
        try {
            Optional<DriftRecords.Followed> kept = records.followedOf(key);
            Followed current = followed.get(key);
            if (kept.isPresent() && current != null
                    && current.applied.envelope().id().equals(kept.get().applied().envelope().id())) {
                return;
            }
            forget(key);
            records.resolved(key);
            kept.ifPresent(release -> follow(release, List.of()));
        } catch (RuntimeException e) {
            LOG.warnf(e, "release %s: what it follows is read again when the channel reconnects", key);
        }
    }

    /** Notices may have been missed while the channel was not connected: every watched cluster is read again. */
    private void readAgain() {
        connections.connectedClusters().forEach(this::watch);
    }

    private void follow(DriftRecords.Followed kept, List<DriftFound.DriftedObject> reported) {
        ReleaseKey key = kept.applied().payload().release();
        try {
            startFollowing(new Followed(kept.applied(), new ReleaseDrift(kept.objects(), kept.options(), reported)));
        } catch (RuntimeException e) {
            LOG.warnf(e, "release %s: drift cannot be followed until it is applied again", key);
        }
    }

    private void startFollowing(Followed following) {
        ReleaseKey key = following.applied.payload().release();
        Followed before = followed.get(key);
        if (before != null && before.applied.envelope().id().equals(following.applied.envelope().id())) {
            return;
        }
        forget(key);
        followed.put(key, following);
        owners.add(key, following.drift.applied().keySet());
        if (connections.connected(key.cluster())) {
            live.watch(key.cluster(), following.drift.applied().keySet());
            check(key);
        }
    }

    /** Lets go of the release in memory. */
    private void forget(ReleaseKey key) {
        Followed gone = followed.remove(key);
        if (gone != null) {
            owners.remove(key, gone.drift.applied().keySet());
        }
    }

    /** Compares the release with its live objects, and reports its drift when it differs from the drift last reported. */
    private void check(ReleaseKey key) {
        Followed release = followed.get(key);
        if (release == null || !connections.connected(key.cluster()) || !live.autoscalersKnown(key.cluster())) {
            // Replicas an autoscaler sets are not drift: compared once the cluster's autoscalers are known.
            return;
        }
        List<DriftFound.DriftedObject> drifted = release.drift.drifted(ref -> live.object(key.cluster(), ref),
                ref -> live.scaledByAutoscaler(key.cluster(), ref), sopsDigests);
        if (release.drift.changedSinceReported(drifted)) {
            reports.report(release.applied, drifted, release.drift.options().driftDetection());
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
        live.close();
        channel.close();
    }

    private record Followed(AppliedEvent applied, ReleaseDrift drift) {
    }
}
