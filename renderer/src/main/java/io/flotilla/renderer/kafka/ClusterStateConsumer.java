package io.flotilla.renderer.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.flotilla.clusters.Fleet;
import io.flotilla.clusters.RegisteredCluster;
import io.flotilla.events.ClusterState;
import io.flotilla.events.EventCodec;
import io.flotilla.events.EventFormatException;
import io.flotilla.renderer.cluster.ClusterCapabilities;

/**
 * The clusters topic in: the registry's registrations and removals keep the {@link Fleet}, the observer's cluster
 * states each cluster's Kubernetes version and API versions for Helm's capabilities. Every renderer reads the
 * compacted topic from its start, so it knows every cluster's last registration and state.
 *
 * <p>What changes is rendered on the render lane, in order with the commits: a cluster that joins, whose labels
 * change, or whose capabilities become known or change gets the last commit of each repository rendered again for
 * it ({@link RenderLane#clusterChanged}); a cluster that leaves is forgotten, nothing removed
 * ({@link RenderLane#clusterLeft}).
 */
@ApplicationScoped
public class ClusterStateConsumer {

    private static final Logger LOG = Logger.getLogger(ClusterStateConsumer.class);

    private final ClusterCapabilities capabilities;
    private final Fleet fleet;
    private final RenderLane lane;

    @Inject
    ClusterStateConsumer(ClusterCapabilities capabilities, Fleet fleet, RenderLane lane) {
        this.capabilities = capabilities;
        this.fleet = fleet;
        this.lane = lane;
        fleet.listen(new Fleet.Listener() {
            @Override
            public void joined(RegisteredCluster cluster) {
                LOG.infof("cluster %s joined the fleet with labels %s", cluster.name(), cluster.labels());
                lane.clusterChanged(cluster.name());
            }

            @Override
            public void changed(RegisteredCluster before, RegisteredCluster after) {
                LOG.infof("cluster %s is now labelled %s", after.name(), after.labels());
                lane.clusterChanged(after.name());
            }

            @Override
            public void left(RegisteredCluster cluster, boolean uninstall) {
                lane.clusterLeft(cluster.name());
            }
        });
    }

    @Incoming("clusters")
    public void onClusterState(String record) {
        try {
            if (fleet.offer(record)) {
                return;
            }
            ClusterState state = EventCodec.decode(record, ClusterState.class).payload();
            if (capabilities.observed(state)) {
                lane.clusterChanged(state.cluster());
            }
        } catch (EventFormatException e) {
            // A record that cannot be read changes nothing: the capabilities stay as they were.
            LOG.warnf("ignoring a record of the clusters topic that cannot be read: %s", e.getMessage());
        }
    }
}
