package io.flotilla.observer.drift;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

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
import io.flotilla.observer.cluster.ClusterConnections;
import io.quarkus.runtime.Startup;

/**
 * Follows every applied release (Flux v1 and v2 HelmReleases, manifest folders) unless it says
 * {@code driftDetection.mode: disabled}, and compares it again whenever one of its live objects changes, so a drift
 * is reported as soon as the watch delivers it. It pairs each applied revision with its rendering
 * ({@link Renderings}), watches the live objects ({@link LiveObjects}) and who owns them ({@link ObjectOwners}),
 * compares ({@link ReleaseDrift}) and reports ({@link DriftReports}). All state is kept on
 * one thread, which never waits for a cluster.
 * <p>
 * What it follows is kept in PostgreSQL too ({@link DriftRecords}): the topics are read on from where the observer
 * stopped, so a new watch (a restart) starts from what was kept, and forgets the drift of releases it no longer
 * follows.
 */
@ApplicationScoped
@Startup
public class DriftWatch {

    private static final Logger LOG = Logger.getLogger(DriftWatch.class);

    private final DriftRecords records;
    private final DriftReports reports;
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
    public DriftWatch(ClusterConnections connections, DriftRecords records, DriftReports reports, KeyRing keys) {
        this.sopsDigests = SopsDigests.withKeyRing(keys);
        this.connections = connections;
        this.records = records;
        this.reports = reports;
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
    void start() {
        // First on the worker: every event read afterwards is newer than what was kept.
        worker.execute(this::resume);
        connections.listen(new ClusterConnections.Listener() {
            @Override
            public void connected(String cluster) {
                worker.execute(() -> watchAgain(cluster));
            }

            @Override
            public void disconnected(String cluster) {
                awaitOnWorker(() -> live.forget(cluster), cluster);
            }
        });
    }

    /**
     * A cluster joined, or is connected anew: the live objects of the releases followed on it are watched (again) and
     * compared. Releases of a cluster that left stay followed, and are compared again when it comes back.
     */
    private void watchAgain(String cluster) {
        followed.keySet().stream().filter(key -> key.cluster().equals(cluster)).toList().forEach(key -> {
            live.watch(cluster, followed.get(key).drift.applied().keySet());
            check(key);
        });
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
        if (forget(key)) {
            // What it reported was about the revision before; this one is compared afresh.
            records.resolved(key);
        }
        ReleaseDrift drift = new ReleaseDrift(rendering.appliedObjects(applied), rendering.options(), List.of());
        records.followed(event, drift);
        startFollowing(new Followed(event, drift));
    }

    /**
     * Follows again what was followed when the observer stopped, each release with the drift it had reported, and
     * forgets the drift of every other release: changes made in the meantime are found as the informers list.
     */
    private void resume() {
        try {
            Map<ReleaseKey, List<DriftFound.DriftedObject>> reported = records.drifted();
            for (DriftRecords.Followed kept : records.allFollowed()) {
                ReleaseKey key = kept.applied().payload().release();
                try {
                    startFollowing(new Followed(kept.applied(),
                            new ReleaseDrift(kept.objects(), kept.options(), reported.getOrDefault(key, List.of()))));
                } catch (RuntimeException e) {
                    LOG.warnf(e, "release %s: drift cannot be followed again until it is applied again", key);
                }
            }
            records.resolvedAllBut(followed.keySet());
        } catch (RuntimeException e) {
            LOG.warnf(e, "drift is followed again only for releases applied from now on");
        }
    }

    private void startFollowing(Followed following) {
        ReleaseKey key = following.applied.payload().release();
        followed.put(key, following);
        owners.add(key, following.drift.applied().keySet());
        if (connections.connected(key.cluster())) {
            live.watch(key.cluster(), following.drift.applied().keySet());
            check(key);
        }
    }

    private void stopFollowing(ReleaseKey key) {
        if (forget(key)) {
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
        owners.remove(key, gone.drift.applied().keySet());
        return true;
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
    }

    private record Followed(AppliedEvent applied, ReleaseDrift drift) {
    }
}
