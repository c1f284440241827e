package io.flotilla.applier.kafka;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.flotilla.applier.preview.PreviewChecks;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.PreviewChecked;
import io.flotilla.events.PreviewRendered;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/**
 * The preview-renders topic: each {@code PreviewRendered} checked against its cluster ({@link PreviewChecks}) on a
 * thread of its own, never on the reconcile lanes, so that previews never delay a real apply; its
 * {@code PreviewChecked} goes to the preview-results topic with the preview's correlation id, then the record is
 * acknowledged. Only a record that is no {@code PreviewRendered} goes to the dead-letter topic.
 */
@ApplicationScoped
public class PreviewRendersConsumer {

    private final PreviewChecks checks;
    private final MutinyEmitter<String> results;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread checking = new Thread(task, "preview-checks");
        checking.setDaemon(true);
        return checking;
    });

    @Inject
    public PreviewRendersConsumer(PreviewChecks checks, @Channel("preview-results") MutinyEmitter<String> results) {
        this.checks = checks;
        this.results = results;
    }

    @Incoming("preview-renders")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> onPreviewRendered(Message<String> record) {
        Envelope<PreviewRendered> rendered;
        try {
            rendered = EventCodec.decode(record.getPayload(), PreviewRendered.class);
        } catch (RuntimeException e) {
            return record.nack(e);
        }
        return CompletableFuture.runAsync(() -> {
            Envelope<PreviewChecked> checked = Envelope.causedBy(rendered, RenderedReleaseConsumer.SOURCE,
                    checks.check(rendered.payload()));
            results.sendMessageAndAwait(KafkaRecord.of(checked.key(), EventCodec.encode(checked)));
        }, thread).handle((done, failure) -> failure)
                .thenCompose(failure -> failure == null ? record.ack() : record.nack(failure));
    }

    @PreDestroy
    void stop() {
        thread.shutdownNow();
    }
}
