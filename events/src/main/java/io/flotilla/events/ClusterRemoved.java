package io.flotilla.events;

import java.time.Instant;

/**
 * A cluster left the fleet: work on it stops. What Flotilla deployed there stays, unless {@code uninstall} asks the
 * applier to uninstall every release first. Kept on the compacted clusters topic under the cluster's
 * {@link ClusterRegistered#registrationKey}, so a service that starts later knows the cluster is gone even if a
 * kubeconfig it reads still names it.
 */
public record ClusterRemoved(String cluster, boolean uninstall, Instant removedAt) implements Event {

    @Override
    public String key() {
        return ClusterRegistered.registrationKey(cluster);
    }
}
