package io.flotilla.observer.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.flotilla.events.ClusterState;
import io.flotilla.events.Envelope;
import io.flotilla.events.Event;
import io.flotilla.events.EventCodec;
import io.flotilla.events.Topic;
import io.flotilla.observer.timeline.EventStream;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * This instance's live stream of the whole fleet: the topics whose events the stream shows, read by a consumer group
 * of this instance's own from their newest records (nothing committed, nothing kept), whichever instance keeps them,
 * with the drift and cluster states the instances watching each cluster publish. On a worker of its own, one record
 * at a time: decoding a rendered release can take long, and neither the event loops nor the request workers wait.
 * A record that cannot be read is not shown; the intake that keeps it says why.
 */
@ApplicationScoped
public class StreamRelay {

    private static final Logger LOG = Logger.getLogger(StreamRelay.class);

    private final EventStream stream;

    public StreamRelay(EventStream stream) {
        this.stream = stream;
    }

    @Incoming("stream")
    @Blocking("observer-stream")
    public void relay(String record) {
        Envelope<Event> envelope;
        try {
            envelope = EventCodec.decode(record);
        } catch (RuntimeException e) {
            LOG.debugf("a record that is not an event is not streamed: %s", e.getMessage());
            return;
        }
        // The clusters topic also carries the registry's registrations, which the stream never showed.
        if (envelope.eventType().topic() == Topic.CLUSTERS && !(envelope.payload() instanceof ClusterState)) {
            return;
        }
        stream.relayed(envelope);
    }
}
