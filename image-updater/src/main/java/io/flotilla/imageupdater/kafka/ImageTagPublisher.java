package io.flotilla.imageupdater.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ImageTagFound;
import io.flotilla.imageupdater.automation.TagTopic;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/**
 * Puts an {@code ImageTagFound} on the {@code images} topic, keyed by its image repository, as the first event of a
 * journey: the registry's push (or the scan that saw it) starts the journey that ends with the new tag applied.
 */
@ApplicationScoped
public class ImageTagPublisher implements TagTopic {

    private static final String SOURCE = "image-updater";

    private final MutinyEmitter<String> images;

    public ImageTagPublisher(@Channel("images") MutinyEmitter<String> images) {
        this.images = images;
    }

    @Override
    public String publish(ImageTagFound event) {
        Envelope<ImageTagFound> envelope = Envelope.first(SOURCE, event);
        images.sendMessageAndAwait(KafkaRecord.of(envelope.key(), EventCodec.encode(envelope)));
        return envelope.correlationId();
    }
}
