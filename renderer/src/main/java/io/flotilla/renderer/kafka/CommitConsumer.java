package io.flotilla.renderer.kafka;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.TopicPartition;
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
 * partition, keyed by repository). A commit is acknowledged once all it rendered is on the rendered topic, or a
 * newer commit of its repository replaced it, never before; only a record that is not a {@code CommitDetected}, or
 * a commit its repository does not have, goes to the dead-letter topic.
 *
 * <p>The next commit is taken once this one is done, or held: a commit whose repository cannot be fetched for now
 * waits on the lane without holding the commits of other repositories ({@link RenderLane}). It stays
 * unacknowledged meanwhile, and the throttled commit strategy never commits an offset of its partition past it: a
 * restart, or its partition moving to another renderer, meets it again.
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
        IncomingKafkaRecordMetadata<?, ?> kafka;
        try {
            commit = EventCodec.decode(record.getPayload(), CommitDetected.class);
            kafka = record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow(
                    () -> new EventFormatException("a commit that did not come from Kafka has no order"));
            if (blank(commit.payload().repository()) || blank(commit.payload().sha())) {
                throw new EventFormatException("a CommitDetected names its repository and its sha");
            }
        } catch (RuntimeException e) {
            return record.nack(e);
        }
        RenderLane.Taken taken = lane.commit(commit, kafka.getOffset(),
                new TopicPartition(kafka.getTopic(), kafka.getPartition()));
        // Acknowledged when done, in whatever order: offsets are committed only up to the oldest commit not done.
        taken.done().handle((done, failure) -> failure)
                .thenCompose(failure -> failure == null ? record.ack() : record.nack(failure));
        return taken.next();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
