package io.flotilla.observer.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.EventFormatException;
import io.flotilla.events.ReleaseRendered;

/**
 * The payload of an event as the timeline keeps it. Rendered objects are left out: they can weigh
 * megabytes, the applier keeps them with each revision, and the timeline only tells what happened. A commit's
 * sealed source credentials are left out too: only the renderer and the image-updater open them, and the timeline
 * and its API have no use for them, sealed or not.
 */
final class TimelinePayload {

    private TimelinePayload() {
    }

    static String json(Envelope<?> envelope) {
        ObjectNode payload = EventCodec.mapper().valueToTree(envelope.payload());
        if (envelope.payload() instanceof ReleaseRendered) {
            payload.remove("objects");
        }
        if (envelope.payload() instanceof CommitDetected) {
            payload.remove("access");
        }
        try {
            return EventCodec.mapper().writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("cannot write the payload of " + envelope.type() + " " + envelope.id(), e);
        }
    }
}
