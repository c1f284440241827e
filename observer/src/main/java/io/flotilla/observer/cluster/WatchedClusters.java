package io.flotilla.observer.cluster;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Named;

import org.jboss.logging.Logger;

import io.flotilla.clusters.Fleet;
import io.flotilla.clusters.RegisteredCluster;
import io.flotilla.leases.DatabaseChannel;
import io.flotilla.leases.Leases;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Which registered clusters this observer instance watches: those whose lease it holds ({@link Leases}, shared with
 * git-watcher's sources). Every renew interval, and at once when the fleet changes or another instance gives leases
 * back ({@code clusters} channel), it ticks: renews its leases, gives back those above its share (the clusters divided
 * by the instances alive, rounded up) and takes free or expired ones up to it, and tells {@link ClusterConnections}
 * to connect what it took and disconnect what it lost, which the inventory and drift watches follow. A cluster whose
 * instance died (kill -9) is taken by another within one lease; one that stops gives its clusters back as it goes.
 */
@ApplicationScoped
public class WatchedClusters {

    private static final Logger LOG = Logger.getLogger(WatchedClusters.class);

    private static final String GIVEN_BACK = "given-back";

    private final Fleet fleet;
    private final ClusterConnections connections;
    private final Leases leases;
    private final DatabaseChannel channel;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cluster-leases");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean failing;

    public WatchedClusters(Fleet fleet, ClusterConnections connections, Leases leases,
            @Named("clusters") DatabaseChannel channel) {
        this.fleet = fleet;
        this.connections = connections;
        this.leases = leases;
        this.channel = channel;
    }

    void started(@Observes StartupEvent started) {
        start();
    }

    void stopping(@Observes ShutdownEvent stopping) {
        stop();
    }

    /**
     * Takes its share at once (a lone instance every cluster), tells the others that it joined (they give back what
     * is above their share now), then ticks every renew interval.
     */
    public void start() {
        fleet.listen(new Fleet.Listener() {
            @Override
            public void joined(RegisteredCluster cluster) {
                tickSoon();
            }

            @Override
            public void changed(RegisteredCluster before, RegisteredCluster after) {
                // The connection follows the new credentials by itself.
            }

            @Override
            public void left(RegisteredCluster cluster, boolean uninstall) {
                tickSoon();
            }
        });
        channel.listen(this::tickSoon, notice -> tickSoon(), ticker);
        // Before start-up ends: a lone instance watches every cluster as it starts serving.
        tick();
        channel.tell(GIVEN_BACK);
        long every = leases.renewInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    /** The instance holding {@code cluster}'s lease, as this one knows it: itself, or who held it at the last tick. */
    public Optional<String> watcher(String cluster) {
        return leases.owner(cluster);
    }

    public String instance() {
        return leases.instance();
    }

    private void tickSoon() {
        ticker.execute(this::tick);
    }

    private synchronized void tick() {
        try {
            List<String> registered = fleet.members().stream().map(RegisteredCluster::name).toList();
            Leases.Change change = leases.tick(registered);
            change.lost().forEach(connections::unwatch);
            change.giveBack().forEach(leases::release);
            change.gained().forEach(connections::watch);
            if (!change.gained().isEmpty() || !change.lost().isEmpty()) {
                LOG.infof("instance %s watches %s now, took %s, let go of %s", leases.instance(),
                        registered.stream().filter(leases::holds).toList(), change.gained(), change.lost());
            }
            if (!change.giveBack().isEmpty()) {
                channel.tell(GIVEN_BACK);
            }
            if (failing) {
                failing = false;
                LOG.infof("instance %s: cluster leases renewed again", leases.instance());
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warnf("instance %s: cluster leases not renewed (%s); its clusters are watched here until their"
                        + " leases expire, then by another instance", leases.instance(), e.getMessage());
            }
            registeredHeldNoLonger();
        }
    }

    /** Leases this instance could not renew expire by its own clock before any other instance may take them. */
    private void registeredHeldNoLonger() {
        fleet.members().stream().map(RegisteredCluster::name).filter(cluster -> connections.connected(cluster)
                && !leases.holds(cluster)).forEach(connections::unwatch);
    }

    /** Stops watching and gives every lease back at once, so that the other instances take the clusters now. */
    public synchronized void stop() {
        ticker.shutdownNow();
        fleet.members().forEach(cluster -> connections.unwatch(cluster.name()));
        try {
            leases.leave();
            channel.tell(GIVEN_BACK);
        } catch (RuntimeException e) {
            LOG.warnf("instance %s: cluster leases not given back (%s); they expire within one lease",
                    leases.instance(), e.getMessage());
        }
        channel.close();
    }
}
