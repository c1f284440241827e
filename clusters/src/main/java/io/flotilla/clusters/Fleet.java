package io.flotilla.clusters;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.flotilla.events.ClusterRef;
import io.flotilla.events.ClusterRegistered;
import io.flotilla.events.ClusterRemoved;
import io.flotilla.events.Envelope;
import io.flotilla.events.Event;
import io.flotilla.events.EventCodec;
import io.flotilla.events.EventFormatException;

/**
 * The fleet as one service knows it now, kept by the registry's announcements on the clusters topic
 * ({@link ClusterRegistered}, {@link ClusterRemoved}), each service reading that compacted topic from its start.
 * A service given a kubeconfig at start is {@link #seed seeded} with its contexts first; what the topic says comes
 * after and wins, so a cluster removed through the API stays removed when the service starts again.
 *
 * <p>Listeners hear of each change once, in the order they happened: a cluster {@link Listener#joined joined}, its
 * labels or credentials {@link Listener#changed changed}, it {@link Listener#left left}.
 */
public final class Fleet {

    /** What a service does when the fleet changes; every method does nothing unless overridden. */
    public interface Listener {
        default void joined(RegisteredCluster cluster) {
        }

        default void changed(RegisteredCluster before, RegisteredCluster after) {
        }

        /** @param uninstall the registry asked that what Flotilla deployed there be uninstalled first */
        default void left(RegisteredCluster cluster, boolean uninstall) {
        }
    }

    private static final System.Logger LOG = System.getLogger(Fleet.class.getName());

    private final Map<String, RegisteredCluster> members = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final CredentialSeal seal;

    /** @param seal unseals credentials; null for a service that never connects to clusters (the renderer) */
    public Fleet(CredentialSeal seal) {
        this.seal = seal;
    }

    public void listen(Listener listener) {
        listeners.add(listener);
    }

    /** The clusters of a kubeconfig given at start, before anything the topic says. */
    public void seed(List<RegisteredCluster> clusters) {
        clusters.forEach(this::register);
    }

    /**
     * One record of the clusters topic: a registration or a removal changes the fleet; anything else (a
     * {@link io.flotilla.events.ClusterState}) is left to the caller.
     *
     * @return whether the record was a registration or a removal
     * @throws EventFormatException when the record is not an event
     * @throws IllegalArgumentException when a registration's credentials do not open with this service's keys
     */
    public synchronized boolean accept(String record) {
        Envelope<Event> envelope = EventCodec.decode(record);
        if (envelope.payload() instanceof ClusterRegistered registered) {
            register(new RegisteredCluster(registered.cluster(), registered.labels(), registered.server(),
                    registered.source(), registered.registeredAt(),
                    seal == null || registered.credentials() == null ? null
                            : seal.unseal(registered.cluster(), registered.credentials())));
            return true;
        }
        if (envelope.payload() instanceof ClusterRemoved removed) {
            remove(removed.cluster(), removed.uninstall());
            return true;
        }
        return false;
    }

    /**
     * One record of the clusters topic as a consumer takes it: like {@link #accept}, but a record that cannot be read
     * or credentials that do not open change nothing and are logged, so that the consumer goes on with the other
     * clusters.
     *
     * @return whether the record was a registration or a removal (taken or refused); false for anything else
     */
    public boolean offer(String record) {
        try {
            return accept(record);
        } catch (EventFormatException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring a record of the clusters topic that is not an event: "
                    + e.getMessage());
            return false;
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, "ignoring a cluster registration of the clusters topic: "
                    + e.getMessage());
            return true;
        }
    }

    public synchronized void register(RegisteredCluster cluster) {
        RegisteredCluster before = members.put(cluster.name(), cluster);
        if (before == null) {
            listeners.forEach(listener -> listener.joined(cluster));
        } else if (!before.labels().equals(cluster.labels())
                || !Objects.equals(before.kubeconfig(), cluster.kubeconfig())) {
            listeners.forEach(listener -> listener.changed(before, cluster));
        }
    }

    public synchronized void remove(String name, boolean uninstall) {
        RegisteredCluster gone = members.remove(name);
        if (gone != null) {
            listeners.forEach(listener -> listener.left(gone, uninstall));
        }
    }

    public Optional<RegisteredCluster> get(String name) {
        return Optional.ofNullable(members.get(name));
    }

    public boolean contains(String name) {
        return members.containsKey(name);
    }

    /** Every cluster, by name. */
    public List<RegisteredCluster> members() {
        return members.values().stream().sorted(Comparator.comparing(RegisteredCluster::name)).toList();
    }

    /** Every cluster's name and labels, by name: what targeting needs. */
    public List<ClusterRef> refs() {
        return members().stream().map(RegisteredCluster::ref).toList();
    }
}
