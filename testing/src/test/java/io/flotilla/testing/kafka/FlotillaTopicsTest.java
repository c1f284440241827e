package io.flotilla.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.flotilla.embedded.kafka.KafkaBroker;
import io.flotilla.events.ClusterState;
import io.flotilla.events.CommitDetected;
import io.flotilla.events.Envelope;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.Topic;

class FlotillaTopicsTest {

    private static final ReleaseKey PODINFO = new ReleaseKey("dev", "apps", "podinfo");

    private final FlotillaTopics topics = new FlotillaTopics(KafkaBroker.shared().bootstrapServers(),
            "test-" + UUID.randomUUID() + ".");

    @AfterEach
    void close() {
        topics.close();
    }

    @Test
    void anEnvelopeGoesToItsTopicKeyedAsEventsSays() {
        Envelope<CommitDetected> sent = topics.publish("git-watcher", commit("a1"));

        List<ConsumerRecord<String, String>> records = topics.all(Topic.COMMITS);

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(topics.name(Topic.COMMITS));
            assertThat(record.key()).isEqualTo("fleet");
        });
        assertThat(topics.all(CommitDetected.class)).singleElement()
                .usingRecursiveComparison().isEqualTo(sent);
    }

    @Test
    void aRecordKeepsItsHeaders() {
        topics.publishRecord(Topic.RENDERED, null, "dev/apps/podinfo", "{not an envelope", Map.of("traceparent", "00-1"));

        assertThat(topics.all(Topic.RENDERED)).singleElement()
                .satisfies(record -> assertThat(FlotillaTopics.header(record, "traceparent")).isEqualTo("00-1"));
    }

    @Test
    void aFollowerSeesWhatWasPublishedBeforeAndAfterItStarted() {
        topics.publish("git-watcher", commit("before"));
        TopicFollower follower = topics.follow(Topic.COMMITS, Topic.APPLIED);
        topics.publishRecord(Topic.APPLIED, null, PODINFO.toString(), "{not an envelope", Map.of());
        topics.publishAll(List.of(Envelope.first("git-watcher", commit("after")),
                Envelope.first("applier", applied(1, Outcome.Progressing)),
                Envelope.first("applier", applied(1, Outcome.Ready))));

        Envelope<CommitDetected> after = follower.await(CommitDetected.class, e -> e.payload().sha().equals("after"));
        follower.await(ReleaseApplied.class, e -> e.payload().outcome() == Outcome.Ready);

        assertThat(after.payload().sha()).isEqualTo("after");
        assertThat(follower.events(CommitDetected.class)).extracting(e -> e.payload().sha())
                .containsExactly("before", "after");
        assertThat(follower.latest(ReleaseApplied.class, PODINFO.toString())).get()
                .extracting(ReleaseApplied::outcome).isEqualTo(Outcome.Ready);
        assertThat(follower.records(Topic.APPLIED)).hasSize(3);
    }

    @Test
    void waitingForWhatNeverComesSaysWhatWasAwaited() {
        TopicFollower follower = topics.follow(Topic.CLUSTERS);

        assertThatThrownBy(() -> follower.await(ClusterState.class, e -> true, Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("no matching ClusterState within");
    }

    private static CommitDetected commit(String sha) {
        return new CommitDetected("fleet", "main", sha, null, List.of(), "Ada", "change", Instant.now());
    }

    private static ReleaseApplied applied(int revision, Outcome outcome) {
        return ReleaseApplied.builder().release(PODINFO).revision(revision).outcome(outcome).build();
    }
}
