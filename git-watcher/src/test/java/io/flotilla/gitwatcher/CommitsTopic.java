package io.flotilla.gitwatcher;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.awaitility.Awaitility;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.Topic;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.kafka.TopicFollower;

/** The {@code commits} topic as a downstream service reads it: every record from the beginning. */
final class CommitsTopic implements AutoCloseable {

    /** A CommitDetected and the Kafka key it was published under. */
    record Published(String key, Envelope<CommitDetected> event) {
        CommitDetected commit() {
            return event.payload();
        }
    }

    private final FlotillaTopics topics;
    private final TopicFollower follower;

    private CommitsTopic(FlotillaTopics topics) {
        this.topics = topics;
        this.follower = topics.follow(Topic.COMMITS);
    }

    /** The topic of the running service's configuration, read from its beginning. */
    static CommitsTopic ofService() {
        return new CommitsTopic(FlotillaTopics.ofService());
    }

    /** The topic of a service started with {@code topicPrefix}, read from its beginning. */
    static CommitsTopic of(String bootstrapServers, String topicPrefix) {
        return new CommitsTopic(new FlotillaTopics(bootstrapServers, topicPrefix));
    }

    /** Waits for the CommitDetected of {@code sha}. */
    Published awaitCommit(String sha) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> find(sha).isPresent());
        return find(sha).orElseThrow();
    }

    /**
     * Waits for the CommitDetected of {@code sha} published for {@code repository}: the same commit made in the same
     * second in another test's repository has the same sha.
     */
    CommitDetected awaitCommit(String repository, String sha) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> hasCommit(repository, sha));
        return commitsOf(repository).stream().filter(commit -> commit.sha().equals(sha)).findFirst().orElseThrow();
    }

    /**
     * Whether a CommitDetected of {@code sha} has been published for {@code repository}, as far as the topic can be
     * read now. The same commit made in the same second elsewhere has the same sha: the repository tells them apart.
     */
    boolean hasCommit(String repository, String sha) {
        return shasOf(repository).contains(sha);
    }

    /** The commits read so far for {@code repository}, in the order they were published. */
    List<String> shasOf(String repository) {
        return commitsOf(repository).stream().map(CommitDetected::sha).toList();
    }

    /** The CommitDetected events for {@code repository} published so far, in the order they were published. */
    List<CommitDetected> commitsOf(String repository) {
        return published().stream().filter(p -> p.key().equals(repository)).map(Published::commit).toList();
    }

    /** The records of {@code repository} as they are on the topic, what anyone who reads it sees. */
    List<String> recordsOf(String repository) {
        return follower.records(Topic.COMMITS).stream().filter(record -> record.key().equals(repository))
                .map(record -> record.value()).toList();
    }

    private Optional<Published> find(String sha) {
        return published().stream().filter(p -> p.commit().sha().equals(sha)).findFirst();
    }

    private List<Published> published() {
        return follower.records(Topic.COMMITS).stream()
                .map(record -> new Published(record.key(), EventCodec.decode(record.value(), CommitDetected.class)))
                .toList();
    }

    @Override
    public void close() {
        topics.close();
    }
}
