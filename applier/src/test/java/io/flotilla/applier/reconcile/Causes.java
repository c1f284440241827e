package io.flotilla.applier.reconcile;

import io.flotilla.applier.history.Taken;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ReleaseRendered;

/** The causes of reconciles in the tests: a rendering that came, or the rendering kept, reconciled again. */
final class Causes {

    private Causes() {
    }

    /** {@code rendered} came on the rendered topic. */
    static Cause rendering(ReleaseRendered rendered) {
        return new Cause(Trigger.RENDERING,
                new Taken(rendered.commitOrder(), EventCodec.encode(Envelope.first("renderer", rendered))),
                event -> EventCodec.encode(Envelope.first("applier", event)));
    }

    /** The rendering kept, of commit order {@code commitOrder}, reconciled again because of {@code trigger}. */
    static Cause again(Trigger trigger, long commitOrder) {
        return new Cause(trigger, new Taken(commitOrder, null),
                event -> EventCodec.encode(Envelope.first("applier", event)));
    }
}
