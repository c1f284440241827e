package io.flotilla.applier.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.flotilla.applier.cluster.ClusterClients;
import io.flotilla.applier.history.HistoryUnavailableException;
import io.flotilla.applier.history.ReleaseHistory;
import io.flotilla.applier.queue.Backoff;
import io.flotilla.applier.queue.ClusterQueues;
import io.flotilla.clusters.Fleet;
import io.flotilla.clusters.RegisteredCluster;
import io.flotilla.events.ReleaseKey;
import io.quarkus.runtime.StartupEvent;

/**
 * What the applier does when the fleet changes at runtime. A cluster that joins: what was held because it was not
 * registered is tried at once, and if it joins again after it left, its releases are reconciled. New credentials: its
 * client is built again. A cluster that leaves: what waits for it is let go without acting and its client closed once
 * nothing runs there; asked to uninstall, every release the applier has there is uninstalled first (only what
 * Flotilla created), each outcome published, and then the client is closed. Changes that read the history are done
 * in order on a thread of their own, and tried again while the database does not answer, so none is lost.
 */
@Singleton
public class FleetMembership implements Fleet.Listener {

    private static final Logger LOG = Logger.getLogger(FleetMembership.class);
    private static final Backoff HISTORY_RETRY = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final Fleet fleet;
    private final ClusterClients clients;
    private final ClusterQueues queues;
    private final ReconcileSchedule schedule;
    private final ReleaseHistory history;
    private final ExecutorService changes = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "applier-fleet");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    public FleetMembership(Fleet fleet, ClusterClients clients, ClusterQueues queues, ReconcileSchedule schedule,
            ReleaseHistory history) {
        this.fleet = fleet;
        this.clients = clients;
        this.queues = queues;
        this.schedule = schedule;
        this.history = history;
    }

    /** Listens before the clusters topic is read, so that no change it brings goes unheard. */
    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent started) {
        fleet.listen(this);
    }

    @PreDestroy
    void stop() {
        changes.shutdownNow();
    }

    @Override
    public void joined(RegisteredCluster cluster) {
        LOG.infof("cluster '%s' joined the fleet (%s, labels %s)", cluster.name(), cluster.source(), cluster.labels());
        queues.tryNow(cluster.name());
        Instant registeredAt = cluster.registeredAt() == null ? Instant.now() : cluster.registeredAt();
        inOrder("reconcile the releases of cluster '" + cluster.name() + "'",
                () -> schedule.rejoined(cluster.name(), registeredAt));
    }

    @Override
    public void changed(RegisteredCluster before, RegisteredCluster after) {
        if (!Objects.equals(before.kubeconfig(), after.kubeconfig())) {
            LOG.infof("cluster '%s': new credentials; its client is built again", after.name());
            clients.rebuild(after.name());
        }
    }

    @Override
    public void left(RegisteredCluster cluster, boolean uninstall) {
        String name = cluster.name();
        if (!uninstall) {
            LOG.infof("cluster '%s' left the fleet; what Flotilla deployed there stays", name);
            queues.drain(name, () -> clients.forget(name));
            return;
        }
        LOG.infof("cluster '%s' left the fleet; its releases are uninstalled first", name);
        clients.keepUntilForgotten(cluster);
        queues.drain(name, () -> { });
        inOrder("uninstall the releases of cluster '" + name + "'", () -> uninstallAll(name));
    }

    private void uninstallAll(String cluster) {
        List<ReleaseKey> releases = history.releases(cluster);
        if (releases.isEmpty()) {
            clients.forget(cluster);
            return;
        }
        AtomicInteger left = new AtomicInteger(releases.size());
        releases.forEach(release -> schedule.uninstall(release, () -> {
            if (left.decrementAndGet() == 0) {
                LOG.infof("cluster '%s': every release settled; its client is closed", cluster);
                clients.forget(cluster);
            }
        }));
    }

    /** Runs the change after those before it, again after a pause while the history does not answer. */
    private void inOrder(String change, Runnable work) {
        changes.execute(() -> {
            for (int tries = 1; !Thread.currentThread().isInterrupted(); tries++) {
                try {
                    work.run();
                    return;
                } catch (HistoryUnavailableException e) {
                    Duration pause = HISTORY_RETRY.after(tries);
                    LOG.warnf("cannot %s yet; tried again in %s: %s", change, pause, e.getMessage());
                    try {
                        Thread.sleep(pause.toMillis());
                    } catch (InterruptedException stopping) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
    }
}
