package io.flotilla.observer.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.EventFormatException;
import io.flotilla.events.ImageTagFound;
import io.flotilla.events.Outcome;
import io.flotilla.observer.release.Releases;
import io.flotilla.observer.timeline.Timeline;
import io.flotilla.observer.timeline.TimelineEvent;
import io.smallrye.mutiny.Uni;

/**
 * The tag each image's policy last chose, from the images topic. The image-updater publishes one event per automated
 * release, so several releases following one image and policy bring the same choice several times: their edits add up
 * while the tag stays, and a new tag starts afresh. An event older than the one kept changes nothing.
 */
@ApplicationScoped
public class ImageChoices {

    /** Far more than the events of one choice: releases following one image with one policy. */
    private static final int MOST_CORRELATIONS = 50;
    private static final TypeReference<List<ImageChoice.Touch>> TOUCHES = new TypeReference<>() {
    };

    private final Mutiny.SessionFactory sessions;
    private final Timeline timeline;
    private final Releases releases;

    public ImageChoices(Mutiny.SessionFactory sessions, Timeline timeline, Releases releases) {
        this.sessions = sessions;
        this.timeline = timeline;
        this.releases = releases;
    }

    public Uni<Void> found(Mutiny.Session session, Envelope<ImageTagFound> envelope) {
        ImageTagFound found = envelope.payload();
        String policy = Objects.toString(found.policy(), "");
        return session.find(ImageChoice.class, found.repository() + " " + policy).chain(existing -> {
            if (existing != null && existing.foundAt.isAfter(envelope.time())) {
                return Uni.createFrom().voidItem();
            }
            ImageChoice choice = existing == null ? new ImageChoice() : existing;
            if (existing == null || !existing.tag.equals(found.tag())
                    || !Objects.equals(existing.digest, found.digest())) {
                choice.id = found.repository() + " " + policy;
                choice.repository = found.repository();
                choice.policy = policy;
                choice.tag = found.tag();
                choice.digest = found.digest();
                choice.chosenAt = envelope.time();
                choice.touches = json(List.of());
                choice.correlationIds = "";
            }
            choice.foundAt = envelope.time();
            if (!found.edits().isEmpty()) {
                Set<ImageChoice.Touch> touches = new LinkedHashSet<>(touches(choice.touches));
                found.edits().forEach(edit -> touches.add(new ImageChoice.Touch(edit.source(), edit.branch(),
                        edit.file(), edit.release())));
                choice.touches = json(List.copyOf(touches));
                List<String> ids = new ArrayList<>(correlationIds(choice));
                ids.remove(envelope.correlationId());
                ids.add(envelope.correlationId());
                choice.correlationIds = String.join(" ", ids.subList(Math.max(0, ids.size() - MOST_CORRELATIONS),
                        ids.size()));
            }
            return existing == null ? session.persist(choice) : Uni.createFrom().voidItem();
        });
    }

    /**
     * Every image and policy, by repository and policy, each with its {@code Auto-release} commit when git-watcher's
     * was detected: the latest of those carrying one of its correlation ids.
     */
    public Uni<List<ImageChoiceView>> all() {
        return sessions.withSession(session -> session.createNamedQuery(ImageChoice.IN_ORDER, ImageChoice.class)
                .getResultList()).chain(choices -> timeline.commitsOf(choices.stream()
                        .flatMap(choice -> correlationIds(choice).stream()).toList())
                        .chain(commits -> releases.countsByCommit(commits.stream().map(commit -> commit.sha)
                                .distinct().toList())
                                .map(counts -> views(choices, commits, counts))));
    }

    private static List<ImageChoiceView> views(List<ImageChoice> choices, List<TimelineEvent> commits,
            Map<String, Map<Outcome, Long>> counts) {
        Map<String, TimelineEvent> latestByCorrelation = new HashMap<>();
        commits.forEach(commit -> latestByCorrelation.put(commit.correlationId, commit));
        List<ImageChoiceView> views = new ArrayList<>();
        for (ImageChoice choice : choices) {
            TimelineEvent commit = correlationIds(choice).stream().map(latestByCorrelation::get)
                    .filter(Objects::nonNull).reduce((first, later) -> later.time.isAfter(first.time) ? later : first)
                    .orElse(null);
            views.add(new ImageChoiceView(choice.repository, choice.policy, choice.tag, choice.digest,
                    choice.chosenAt, choice.foundAt, touches(choice.touches),
                    commit == null ? null : autoRelease(commit, counts.getOrDefault(commit.sha, Map.of()))));
        }
        return views;
    }

    private static ImageChoiceView.AutoReleaseCommit autoRelease(TimelineEvent commit, Map<Outcome, Long> counts) {
        return new ImageChoiceView.AutoReleaseCommit(commit.sha, commit.payloadJson().path("message").asText(null),
                commit.time, counts.getOrDefault(Outcome.Ready, 0L),
                counts.getOrDefault(Outcome.Failed, 0L) + counts.getOrDefault(Outcome.RolledBack, 0L));
    }

    private static List<String> correlationIds(ImageChoice choice) {
        return choice.correlationIds.isEmpty() ? List.of() : Arrays.asList(choice.correlationIds.split(" "));
    }

    private static String json(List<ImageChoice.Touch> touches) {
        try {
            return EventCodec.mapper().writeValueAsString(touches);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("cannot write the files an image's edits touch", e);
        }
    }

    private static List<ImageChoice.Touch> touches(String json) {
        try {
            return EventCodec.mapper().readValue(json, TOUCHES);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("cannot read the files an image's edits touch: " + e.getOriginalMessage(),
                    e);
        }
    }
}
