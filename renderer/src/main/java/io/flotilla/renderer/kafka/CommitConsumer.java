package io.flotilla.renderer.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.renderer.metrics.RenderMetrics;
import io.flotilla.renderer.render.CommitRenderer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/**
 * Commits in, rendered releases out. Commits of a repository are rendered one after the other, in order;
 * each {@code ReleaseRendered} is keyed by its release and carries the commit's correlation id. A record
 * that is not a {@code CommitDetected} fails here and goes to the dead letter topic.
 */
@ApplicationScoped
public class CommitConsumer {

    static final String SOURCE = "renderer";

    private static final Logger LOG = Logger.getLogger(CommitConsumer.class);
    /** Sends in flight at once: enough to keep the producer's batches full, few enough for the emitter's buffer. */
    private static final int SENDS_IN_FLIGHT = 64;

    private final CommitRenderer renderer;
    private final MutinyEmitter<String> rendered;
    private final RenderMetrics metrics;

    @Inject
    CommitConsumer(CommitRenderer renderer, @Channel("rendered") MutinyEmitter<String> rendered,
            RenderMetrics metrics) {
        this.renderer = renderer;
        this.rendered = rendered;
        this.metrics = metrics;
    }

    @Incoming("commits")
    @Blocking(ordered = true)
    public void onCommit(String record) {
        Envelope<CommitDetected> commit = EventCodec.decode(record, CommitDetected.class);
        List<ReleaseRendered> releases;
        long start = System.nanoTime();
        try {
            releases = renderer.render(commit.payload());
            metrics.commitRendered(Duration.ofNanos(System.nanoTime() - start), releases);
        } catch (RuntimeException e) {
            // The next commit renders the whole repository again, so what this one changed is not lost.
            LOG.errorf("cannot render commit %s of %s: %s", commit.payload().sha(), commit.payload().repository(),
                    e.getMessage());
            return;
        }
        publish(commit, releases);
    }

    private void publish(Envelope<CommitDetected> commit, List<ReleaseRendered> releases) {
        if (releases.isEmpty()) {
            return;
        }
        List<Uni<Void>> sends = new ArrayList<>();
        for (ReleaseRendered release : releases) {
            Envelope<ReleaseRendered> event = Envelope.causedBy(commit, SOURCE, release);
            sends.add(rendered.sendMessage(KafkaRecord.of(event.key(), EventCodec.encode(event)))
                    .onFailure().invoke(e -> {
                        // Not remembered as rendered: the next commit emits it again.
                        renderer.forget(release.release());
                        LOG.errorf("cannot publish %s: %s", release.release(), e.getMessage());
                    })
                    .onFailure().recoverWithNull());
        }
        Uni.join().all(sends).usingConcurrencyOf(SENDS_IN_FLIGHT).andFailFast().await().indefinitely();
    }
}
