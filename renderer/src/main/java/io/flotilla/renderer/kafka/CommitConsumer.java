package io.flotilla.renderer.kafka;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.EventFormatException;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Commits in, rendered releases out. Commits of a repository are rendered one after the other, in order, by the
 * {@link RenderLane}; each {@code ReleaseRendered} is keyed by its release, carries the commit's correlation id
 * and, as its commit order, the commit's offset on the commits topic (a repository's commits are on one
 * partition, keyed by repository). A commit is acknowledged once all it rendered is on the rendered topic, never
 * before; only a record that is not a {@code CommitDetected}, or a commit its repository does not have, goes to
 * the dead-letter topic.
 */
@ApplicationScoped
public class CommitConsumer {

    private final RenderLane lane;

    @Inject
    CommitConsumer(RenderLane lane) {
        this.lane = lane;
    }

    @Incoming("commits")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> onCommit(Message<String> record) {
        Envelope<CommitDetected> commit;
        long order;
        try {
            commit = EventCodec.decode(record.getPayload(), CommitDetected.class);
            order = record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow(
                    () -> new EventFormatException("a commit that did not come from Kafka has no order")).getOffset();
            if (blank(commit.payload().repository()) || blank(commit.payload().sha())) {
                throw new EventFormatException("a CommitDetected names its repository and its sha");
            }
        } catch (RuntimeException e) {
            return record.nack(e);
        }
        return lane.commit(commit, order).handle((done, failure) -> failure)
                .thenCompose(failure -> failure == null ? record.ack() : record.nack(failure));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
