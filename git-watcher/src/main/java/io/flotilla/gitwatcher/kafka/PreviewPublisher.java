package io.flotilla.gitwatcher.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.PreviewRequested;
import io.flotilla.gitwatcher.preview.PreviewTopic;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/** Puts a PreviewRequested on the {@code previews} topic, keyed by the preview. */
@ApplicationScoped
public class PreviewPublisher implements PreviewTopic {

    private final MutinyEmitter<String> previews;

    public PreviewPublisher(@Channel("previews") MutinyEmitter<String> previews) {
        this.previews = previews;
    }

    @Override
    public void publish(Envelope<PreviewRequested> envelope) {
        previews.sendMessageAndAwait(KafkaRecord.of(envelope.key(), EventCodec.encode(envelope)));
    }
}
