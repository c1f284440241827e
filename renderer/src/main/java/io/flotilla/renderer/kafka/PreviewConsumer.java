package io.flotilla.renderer.kafka;

import java.util.List;
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
import org.jboss.logging.Logger;

import io.flotilla.events.Envelope;
import io.flotilla.events.Event;
import io.flotilla.events.EventCodec;
import io.flotilla.events.EventFormatException;
import io.flotilla.events.PreviewRendered;
import io.flotilla.events.PreviewRequested;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.renderer.preview.PreviewRenderer;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/**
 * Previews in, their renderings (on {@code preview-renders}) and plans (on {@code preview-results}) out. Each is
 * rendered on a thread of its own, by the {@link PreviewRenderer}, against what the {@link RenderLane} last
 * published from its repository, and acknowledged once its plan is on the topic, before the next is read: the
 * requests of one preview share a partition, so a newer one is answered after an older one, never before. A closed
 * preview renders nothing. Only a record that is no {@code PreviewRequested} goes to the dead-letter topic; a commit
 * that cannot be rendered is said in the plan.
 */
@ApplicationScoped
public class PreviewConsumer {

    private static final Logger LOG = Logger.getLogger(PreviewConsumer.class);

    private final RenderLane lane;
    private final PreviewRenderer previews;
    private final MutinyEmitter<String> renders;
    private final MutinyEmitter<String> results;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread preview = new Thread(task, "preview-lane");
        preview.setDaemon(true);
        return preview;
    });

    @Inject
    PreviewConsumer(RenderLane lane, PreviewRenderer previews,
            @Channel("preview-renders") MutinyEmitter<String> renders,
            @Channel("preview-results") MutinyEmitter<String> results) {
        this.lane = lane;
        this.previews = previews;
        this.renders = renders;
        this.results = results;
    }

    @Incoming("previews")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> onPreview(Message<String> record) {
        Envelope<PreviewRequested> request;
        try {
            request = EventCodec.decode(record.getPayload(), PreviewRequested.class);
            if (request.payload().preview() == null || request.payload().sha() == null) {
                throw new EventFormatException("a PreviewRequested names its preview and its sha");
            }
        } catch (RuntimeException e) {
            return record.nack(e);
        }
        if (request.payload().closed()) {
            LOG.infof("preview %s is closed: nothing to render", request.payload().preview());
            return record.ack();
        }
        return lane.published(request.payload().preview().repository())
                .thenAcceptAsync(published -> render(request, published), thread)
                .handle((done, failure) -> failure)
                .thenCompose(failure -> failure == null ? record.ack() : record.nack(failure));
    }

    private void render(Envelope<PreviewRequested> request, List<ReleaseRendered> published) {
        PreviewRenderer.Preview preview = previews.preview(request.payload(), published);
        for (PreviewRendered rendered : preview.renders()) {
            send(renders, Envelope.causedBy(request, RenderLane.SOURCE, rendered));
        }
        send(results, Envelope.causedBy(request, RenderLane.SOURCE, preview.plan()));
    }

    private static void send(MutinyEmitter<String> channel, Envelope<? extends Event> event) {
        channel.sendMessageAndAwait(KafkaRecord.of(event.key(), EventCodec.encode(event)));
    }

    @PreDestroy
    void stop() {
        thread.shutdownNow();
    }
}
