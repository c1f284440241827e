package io.flotilla.observer.drift;

import io.flotilla.events.DriftFound;
import io.flotilla.events.Envelope;

/** Where drift found goes for the applier to warn or correct: the drift topic (see the {@code kafka} package). */
public interface DriftTopic {

    /**
     * Sends the drift found without waiting, in the trace of the applied event that made its release followed.
     *
     * @param traceparent the W3C trace context of that applied event, or null
     */
    void publish(Envelope<DriftFound> found, String traceparent);
}
