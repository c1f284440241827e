package io.flotilla.gitwatcher.sync;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.Envelope;

/** Where a source's new commits go: the {@code commits} topic, through the Kafka edge. */
@FunctionalInterface
public interface CommitTopic {

    /** Returns once the commit is acknowledged, so that the source's position is stored only after. */
    void publish(Envelope<CommitDetected> envelope);
}
