package io.flotilla.observer.drift;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
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
import io.flotilla.observer.cluster.WatchedClusters;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * Follows every applied release (Flux v1 and v2 HelmReleases, manifest folders) unless it says
 * {@code driftDetection.mode: disabled}, and compares it again whenever one of its live objects changes, so a drift
 * is reported as soon as the watch delivers it. It pairs each applied revision with its rendering
 * ({@link Renderings}), watches the live objects ({@link LiveObjects}) and who owns them ({@link ObjectOwners}),
 * compares ({@link ReleaseDrift}) and reports ({@link DriftReports}). All state is kept on
 * one thread, which never waits for a cluster.
 * <p>
 * With several observer instances, each reads some partitions of the topics but watches only its own clusters
 * ({@link WatchedClusters}). The instance that reads a release's events pairs them and keeps what the release applied
 * in PostgreSQL ({@link DriftRecords}); the instance watching the release's cluster follows it, from its own reading
 * at once, else from the rows changed since it last looked (every {@code flotilla.drift.followed-poll}). When it takes
 * a cluster (at start, or from an instance that stopped or died) it follows every release kept of the cluster, each
 * with the drift it had reported, and forgets the drift of the cluster's other releases. Only the watcher of a
 * cluster writes or forgets the drift of its releases.
 */
@ApplicationScoped
@Startup
public class DriftWatch {

    private static final Logger LOG = Logger.getLogger(DriftWatch.class);
    /** Rows are read again this far back: writers' clocks differ a little, and a row commits after it is stamped. */
    static final Duration CHANGES_OVERLAP = Duration.ofSeconds(30);

    private final DriftRecords records;
    private final DriftReports reports;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "drift-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final Renderings renderings;
    private final Map<ReleaseKey, Followed> followed = new HashMap<>();
    private final ObjectOwners owners = new ObjectOwners();
    private final LiveObjects live;

    private final WatchedClusters clusters;
    private final WatchedClusters.Listener clusterChanges = new WatchedClusters.Listener() {
        @Override
        public void watched(String cluster) {
            worker.execute(() -> take(cluster));
        }

        @Override
        public void unwatched(String cluster, boolean left) {
            awaitOnWorker(() -> letGo(cluster), cluster);
        }
    };
    private final Duration poll;
    /** When the rows changed were last read, on the worker. */
    private Instant changesReadAt = Instant.now();

    private final SopsDigests sopsDigests;

    /**
     * @param keys the installation's key ring, which the values decrypted from SOPS files are digested with
     * @param poll how often the rows of followed releases written by other instances are read
     */
    public DriftWatch(WatchedClusters clusters, DriftRecords records, DriftReports reports, KeyRing keys,
            @ConfigProperty(name = "flotilla.drift.followed-poll") Duration poll) {
        this.sopsDigests = SopsDigests.withKeyRing(keys);
        this.clusters = clusters;
        this.records = records;
        this.reports = reports;
        this.poll = poll;
        this.renderings = new Renderings(this::keptRendering);
        this.live = new LiveObjects(clusters::client, worker, owners::followed, new LiveObjects.Changes() {
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
    void start() {
        worker.execute(this::nameClusters);
        clusters.listen(clusterChanges);
        worker.scheduleWithFixedDelay(this::readChanges, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void nameClusters() {
        try {
            records.clustersNamed();
        } catch (RuntimeException e) {
            LOG.warnf(e, "releases followed before an upgrade are followed again once applied again");
        }
    }

    /**
     * This instance watches the cluster now (it started, or took the cluster from another instance): it follows every
     * release kept of it, each with the drift it had reported, and forgets the drift of its other releases; changes
     * made in the meantime are found as the informers list.
     */
    private void take(String cluster) {
        if (!clusters.watching(cluster)) {
            return;
        }
        try {
            Map<ReleaseKey, List<DriftFound.DriftedObject>> reported = records.driftedOn(cluster);
            for (DriftRecords.Followed kept : records.followedOn(cluster)) {
                ReleaseKey key = kept.applied().payload().release();
                if (kept.gone()) {
                    records.goneDeleted(key);
                    records.resolved(key);
                    continue;
                }
                try {
                    startFollowing(new Followed(kept.applied(),
                            new ReleaseDrift(kept.objects(), kept.options(), reported.getOrDefault(key, List.of()))));
                } catch (RuntimeException e) {
                    LOG.warnf(e, "release %s: drift cannot be followed again until it is applied again", key);
                }
            }
            records.resolvedAllBut(cluster, followed.keySet().stream().filter(key -> key.cluster().equals(cluster))
                    .collect(Collectors.toSet()));
        } catch (RuntimeException e) {
            LOG.warnf(e, "cluster %s: drift is followed again only for releases applied from now on", cluster);
        }
    }

    /** Another instance watches the cluster now, or it left: its informers are closed, its releases let go here. */
    private void letGo(String cluster) {
        live.forget(cluster);
        followed.keySet().stream().filter(key -> key.cluster().equals(cluster)).toList().forEach(this::forget);
    }

    /**
     * The releases of this instance's clusters whose rows another instance wrote since the last look: followed in
     * their new revision, or forgotten with their drift when no longer followed.
     */
    private void readChanges() {
        Instant now = Instant.now();
        try {
            for (DriftRecords.Change change : records.changedSince(changesReadAt.minus(CHANGES_OVERLAP))) {
                ReleaseKey key = change.release();
                if (!clusters.watching(key.cluster())) {
                    continue;
                }
                if (change.gone()) {
                    forget(key);
                    records.goneDeleted(key);
                    records.resolved(key);
                    continue;
                }
                Followed current = followed.get(key);
                if (current == null || !current.applied.envelope().id().equals(change.appliedId())) {
                    records.followedOf(key).filter(kept -> !kept.gone()).ifPresent(kept -> adopt(
                            new Followed(kept.applied(), new ReleaseDrift(kept.objects(), kept.options(), List.of()))));
                }
            }
            changesReadAt = now;
        } catch (RuntimeException e) {
            LOG.warnf(e, "releases followed by other instances' reading are followed here once the database answers");
        }
    }

    /** Its informers are closed before the cluster's client, which closes once this returns. */
    private void awaitOnWorker(Runnable work, String cluster) {
        try {
            worker.submit(work).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf(e, "cluster %s: its drift watches did not stop in time", cluster);
        } catch (RejectedExecutionException e) {
            LOG.debugf("cluster %s: the drift watch stopped already", cluster);
        }
    }

    /**
     * Keeps the release's rendering in the transaction that keeps its event: the applied event that follows may be
     * read by another instance, or after a restart, and is followed all the same.
     */
    public Uni<Void> keep(Mutiny.Session session, ReleaseRendered release) {
        return records.rendered(session, release);
    }

    private Optional<Rendering> keptRendering(ReleaseKey release) {
        try {
            return records.renderingOf(release);
        } catch (RuntimeException e) {
            LOG.warnf(e, "release %s: its applied revision is followed once its rendering is read again", release);
            return Optional.empty();
        }
    }

    public void rendered(ReleaseRendered release) {
        worker.execute(() -> {
            if (release.removed()) {
                renderings.removed(release.release());
                stopFollowing(release.release());
            } else {
                renderings.rendered(release).ifPresent(this::followSafely);
            }
        });
    }

    /**
     * @param traceparent the trace context the applied event came with, or null
     */
    public void applied(Envelope<ReleaseApplied> envelope, String traceparent) {
        worker.execute(() -> followSafely(new AppliedEvent(envelope, traceparent)));
    }

    private void followSafely(AppliedEvent applied) {
        try {
            follow(applied);
        } catch (RuntimeException e) {
            LOG.warnf(e, "release %s: drift cannot be followed", applied.payload().release());
        }
    }

    private void follow(AppliedEvent event) {
        ReleaseApplied applied = event.payload();
        ReleaseKey key = applied.release();
        if (applied.outcome() == Outcome.Uninstalled) {
            renderings.uninstalled(key);
            stopFollowing(key);
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
            stopFollowing(key);
            return;
        }
        ReleaseDrift drift = new ReleaseDrift(rendering.appliedObjects(applied), rendering.options(), List.of());
        records.followed(event, drift);
        if (clusters.watching(key.cluster())) {
            adopt(new Followed(event, drift));
        }
    }

    /** A new revision of a release of this instance's clusters: what it reported before is compared afresh. */
    private void adopt(Followed following) {
        ReleaseKey key = following.applied.payload().release();
        if (forget(key)) {
            records.resolved(key);
        }
        startFollowing(following);
    }

    private void startFollowing(Followed following) {
        ReleaseKey key = following.applied.payload().release();
        followed.put(key, following);
        owners.add(key, following.drift.objects());
        if (clusters.watching(key.cluster())) {
            live.watch(key.cluster(), following.drift.objects());
            check(key);
        }
    }

    /** The watcher of the release's cluster forgets it with its drift; another instance tells the watcher so. */
    private void stopFollowing(ReleaseKey key) {
        if (!clusters.watching(key.cluster())) {
            records.gone(key);
        } else if (forget(key)) {
            records.unfollowed(key);
            records.resolved(key);
        }
    }

    /** Lets go of the release in memory; whether it was followed. */
    private boolean forget(ReleaseKey key) {
        Followed gone = followed.remove(key);
        if (gone == null) {
            return false;
        }
        owners.remove(key, gone.drift.objects());
        return true;
    }

    /** Compares the release with its live objects, and reports its drift when it differs from the drift last reported. */
    private void check(ReleaseKey key) {
        Followed release = followed.get(key);
        if (release == null || !clusters.watching(key.cluster()) || !live.autoscalersKnown(key.cluster())) {
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
        clusters.unlisten(clusterChanges);
        worker.shutdownNow();
        live.close();
    }

    private record Followed(AppliedEvent applied, ReleaseDrift drift) {
    }
}
