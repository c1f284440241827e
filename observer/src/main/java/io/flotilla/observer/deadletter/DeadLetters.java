package io.flotilla.observer.deadletter;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.flotilla.events.EventCodec;
import io.flotilla.events.EventFormatException;
import io.flotilla.observer.timeline.EventStream;
import io.flotilla.observer.timeline.EventView;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * The dead letters: each record of the dead-letter topic kept once, listed newest first, and replayed on request to
 * the topic it came from with its key, value and headers. A letter is replayed once; a record that fails again comes
 * back as a new letter.
 */
@ApplicationScoped
public class DeadLetters {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final Mutiny.SessionFactory sessions;
    private final OriginalTopics topics;
    private final EventStream stream;
    private final String topicPrefix;

    public DeadLetters(Mutiny.SessionFactory sessions, OriginalTopics topics, EventStream stream,
            @ConfigProperty(name = "flotilla.topic-prefix") String topicPrefix) {
        this.sessions = sessions;
        this.topics = topics;
        this.stream = stream;
        this.topicPrefix = topicPrefix;
    }

    /**
     * Keeps the record unless it is kept already (the topic read again); database hiccups are retried, and a letter
     * still not kept fails the caller. Waits: called from a worker thread.
     */
    public void keep(DeadLetterArrival arrival) {
        DeadLetterRecord letter = DeadLetterReader.read(arrival, topicPrefix);
        boolean isNew;
        try {
            isNew = VertxContextSupport.subscribeAndAwait(() -> sessions.withTransaction(session -> session
                    .find(DeadLetterRecord.class, letter.id).chain(existing -> existing != null
                            ? Uni.createFrom().item(false)
                            : session.persist(letter).replaceWith(true)))
                    .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(10));
        } catch (Throwable e) {
            throw new IllegalStateException("dead letter " + letter.id + ": not kept", e);
        }
        if (isNew) {
            DeadLetterView view = DeadLetterView.of(letter);
            stream.shown(new EventView(view.id(), "DeadLetter", view.arrivedAt(), "dlq", view.originalKey(), view.id(),
                    DeadLetterReader.json(Map.of("id", view.id(), "topic", String.valueOf(view.topic()), "reason",
                            String.valueOf(view.reason())))));
        }
    }

    /** The latest dead letters, newest first, at most {@code limit}. */
    public Uni<List<DeadLetterView>> latest(int limit) {
        return sessions.withSession(session -> session.createNamedQuery(DeadLetterRecord.LATEST, DeadLetterRecord.class)
                .setMaxResults(limit).getResultList())
                .map(letters -> letters.stream().map(DeadLetterView::of).toList());
    }

    /**
     * Sends the letter's record back to its topic, then marks it replayed.
     *
     * @return the letter as it is now; empty when there is no letter {@code id}
     * @throws NotReplayable when it was replayed already, or it does not say where it came from
     */
    public Uni<Optional<DeadLetterView>> replay(String id) {
        return sessions.withSession(session -> session.find(DeadLetterRecord.class, id))
                .chain(letter -> {
                    if (letter == null) {
                        return Uni.createFrom().item(Optional.<DeadLetterView>empty());
                    }
                    if (letter.replayedAt != null) {
                        throw new NotReplayable("dead letter " + id + " was replayed at " + letter.replayedAt
                                + "; a record that failed again is a new letter");
                    }
                    if (letter.topic == null) {
                        throw new NotReplayable("dead letter " + id
                                + " does not say which topic it came from, so it cannot be put back");
                    }
                    return topics.send(letter.topic, letter.originalKey, letter.record, headers(letter))
                            .chain(() -> sessions.withTransaction(session -> session.find(DeadLetterRecord.class, id)
                                    .invoke(kept -> kept.replayedAt = Instant.now())))
                            .map(kept -> Optional.of(DeadLetterView.of(kept)));
                });
    }

    private static Map<String, String> headers(DeadLetterRecord letter) {
        if (letter.headers == null) {
            return Map.of();
        }
        try {
            return EventCodec.mapper().readValue(letter.headers, HEADERS);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("dead letter " + letter.id + ": stored headers cannot be read", e);
        }
    }

    /** A letter that cannot be replayed, and why. */
    public static final class NotReplayable extends RuntimeException {
        NotReplayable(String message) {
            super(message);
        }
    }
}
