package io.flotilla.applier.history;

import java.util.List;

/** The events of recorded revisions waiting to be sent, in the order they were recorded. */
public interface Outbox {

    /** An event waiting: its id in the outbox, its release's key, its encoded envelope and its trace context. */
    record Pending(long id, String key, String envelope, String traceparent) {
    }

    /** The oldest events waiting, at most {@code limit}. */
    List<Pending> pending(int limit);

    /** The events are on the topic: they wait no more. */
    void sent(List<Long> ids);
}
