package io.flotilla.observer.drift;

import io.flotilla.events.Envelope;
import io.flotilla.events.ReleaseApplied;

/**
 * An applied event and the trace context it came with: a drift found of its revision, even after a restart,
 * continues that trace.
 *
 * @param traceparent the W3C trace context of the applied event, or null
 */
record AppliedEvent(Envelope<ReleaseApplied> envelope, String traceparent) {

    ReleaseApplied payload() {
        return envelope.payload();
    }
}
