package io.flotilla.gitwatcher.kafka;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ImageTagFound;
import io.flotilla.gitwatcher.autorelease.AutoReleases;
import io.flotilla.gitwatcher.autorelease.PendingEdit;

/**
 * Image tags in, Auto-release commits out. Each {@code ImageTagFound}'s edits join the batching window at once, so
 * that the next records can join it too; the record is acknowledged only once its edits are written (or found
 * written, or given up for good: skipped, refused), so a restart meets again what was not written. Only a record
 * that is not an {@code ImageTagFound} goes to the dead-letter topic.
 */
@ApplicationScoped
public class ImageTagConsumer {

    private final AutoReleases releases;

    public ImageTagConsumer(AutoReleases releases) {
        this.releases = releases;
    }

    @Incoming("images")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> onImage(Message<String> record) {
        Envelope<ImageTagFound> found;
        try {
            found = EventCodec.decode(record.getPayload(), ImageTagFound.class);
        } catch (RuntimeException e) {
            return record.nack(e);
        }
        releases.write(PendingEdit.of(found)).thenCompose(written -> record.ack());
        return CompletableFuture.completedFuture(null);
    }
}
