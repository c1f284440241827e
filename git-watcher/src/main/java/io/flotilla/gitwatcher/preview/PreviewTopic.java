package io.flotilla.gitwatcher.preview;

import io.flotilla.events.Envelope;
import io.flotilla.events.PreviewRequested;

/** Where previews are asked for: the {@code previews} topic, through the Kafka edge. */
@FunctionalInterface
public interface PreviewTopic {

    /** Returns once the request is acknowledged. */
    void publish(Envelope<PreviewRequested> envelope);
}
