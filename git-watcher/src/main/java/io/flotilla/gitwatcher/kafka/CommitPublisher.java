package io.flotilla.gitwatcher.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.gitwatcher.sync.CommitTopic;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/** Puts a CommitDetected on the {@code commits} topic, keyed by repository. */
@ApplicationScoped
public class CommitPublisher implements CommitTopic {

    private final MutinyEmitter<String> commits;

    public CommitPublisher(@Channel("commits") MutinyEmitter<String> commits) {
        this.commits = commits;
    }

    /** Returns once Kafka has acknowledged the record, so that the position is stored only after. */
    @Override
    public void publish(Envelope<CommitDetected> envelope) {
        commits.sendMessageAndAwait(KafkaRecord.of(envelope.key(), EventCodec.encode(envelope)));
    }
}
