package io.flotilla.renderer.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.flotilla.events.ClusterState;
import io.flotilla.events.EventCodec;
import io.flotilla.events.EventFormatException;
import io.flotilla.renderer.cluster.ClusterCapabilities;

/**
 * The observer's cluster states in, each cluster's Kubernetes version and API versions kept for Helm's
 * capabilities. Every renderer reads the compacted clusters topic from its start, so it knows every cluster's
 * last state. When a cluster's capabilities become known or change, the last commit of each repository is
 * rendered again for it ({@link RenderLane#clusterChanged}): the releases that waited for them, and those whose
 * rendering they change.
 */
@ApplicationScoped
public class ClusterStateConsumer {

    private static final Logger LOG = Logger.getLogger(ClusterStateConsumer.class);

    private final ClusterCapabilities capabilities;
    private final RenderLane lane;

    @Inject
    ClusterStateConsumer(ClusterCapabilities capabilities, RenderLane lane) {
        this.capabilities = capabilities;
        this.lane = lane;
    }

    @Incoming("clusters")
    public void onClusterState(String record) {
        try {
            ClusterState state = EventCodec.decode(record, ClusterState.class).payload();
            if (capabilities.observed(state)) {
                lane.clusterChanged(state.cluster());
            }
        } catch (EventFormatException e) {
            // A state that cannot be read changes nothing: the cluster keeps the capabilities it had.
            LOG.warnf("ignoring a record of the clusters topic that is not a ClusterState: %s", e.getMessage());
        }
    }
}
