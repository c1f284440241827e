package io.flotilla.imageupdater.kafka;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.EventCodec;
import io.flotilla.imageupdater.automation.CommitLane;

/**
 * Commits in: each {@code CommitDetected} is handed to the {@link CommitLane}, which reads the declarations of each
 * branch's newest commit. The topic is read from its start at every start (a group of the instance's own), since
 * what is followed lives in memory; a record that is no commit is skipped.
 */
@ApplicationScoped
public class CommitConsumer {

    private final CommitLane lane;

    @Inject
    CommitConsumer(CommitLane lane) {
        this.lane = lane;
    }

    @Incoming("commits")
    public CompletionStage<Void> onCommit(Message<String> record) {
        CommitDetected commit;
        try {
            commit = EventCodec.decode(record.getPayload(), CommitDetected.class).payload();
        } catch (RuntimeException e) {
            return record.nack(e);
        }
        if (commit.repository() == null || commit.branch() == null || commit.sha() == null) {
            return record.nack(new IllegalArgumentException("a CommitDetected names its repository, branch and sha"));
        }
        lane.offer(commit);
        return record.ack();
    }
}
