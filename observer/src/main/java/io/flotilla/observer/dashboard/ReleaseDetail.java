package io.flotilla.observer.dashboard;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.flotilla.events.DriftFound;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ObjectAction;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.observer.objecttree.ObjectNode;
import io.flotilla.observer.release.ReleaseStatus;
import io.flotilla.observer.rollout.HeldRolloutView;
import io.flotilla.observer.timeline.TimelineEvent;

/**
 * What the page of one release shows, read before it is written.
 *
 * @param release  which release, on which cluster
 * @param status   where it stands now; null when the observer has seen only its rendering or drift
 * @param history  the latest events about it, newest first: renderings, revisions applied, reconciles, drift, holds
 * @param drifted  whether it drifted now (the drift watch's record, not only a past event)
 * @param rollouts its rollouts held or halted at a wave gate
 * @param liveSince how many changes its cluster had seen when {@code live} was drawn
 *                  ({@link io.flotilla.observer.objecttree.ObjectTrees#changes}): the page follows its tree from there
 * @param live     the objects its newest revision applied, and the hooks it ran, as they are on the cluster now, each
 *                 over what it owns
 */
public record ReleaseDetail(ReleaseKey release, ReleaseStatus status, List<TimelineEvent> history, boolean drifted,
        List<HeldRolloutView> rollouts, long liveSince, List<ObjectNode> live) {

    /** Events of the history read for the page: its revisions, reconciles and drift over days to weeks. */
    public static final int HISTORY = 200;

    /** The revisions applied that the history holds, newest first. */
    List<ReleaseApplied> revisions() {
        return revisionsIn(history);
    }

    /** The revisions applied that a release's history holds, newest first. */
    static List<ReleaseApplied> revisionsIn(List<TimelineEvent> history) {
        return history.stream().filter(event -> "ReleaseApplied".equals(event.type))
                .flatMap(event -> payload(event, ReleaseApplied.class).stream()).toList();
    }

    /** A hook that ran for a revision, with its outcome: failed when its result has an error. */
    record HookRun(int revision, ObjectResult hook) {
    }

    /** The hooks that ran for the revisions of the history, newest revision first. */
    List<HookRun> hooks() {
        return revisions().stream().flatMap(revision -> revision.objects().stream()
                .filter(result -> result.action() == ObjectAction.HOOK)
                .map(hook -> new HookRun(revision.revision(), hook))).toList();
    }

    /** The drift last found, when the release drifted now. */
    Optional<DriftFound> drift() {
        if (!drifted) {
            return Optional.empty();
        }
        return history.stream().filter(event -> "DriftFound".equals(event.type)).findFirst()
                .flatMap(event -> payload(event, DriftFound.class));
    }

    /** The event's payload as its record; empty for a payload written in a shape this observer cannot read. */
    static <T> Optional<T> payload(TimelineEvent event, Class<T> type) {
        return payload(event.payload, type);
    }

    /** A payload as its record; empty for one written in a shape this observer cannot read. */
    static <T> Optional<T> payload(String payload, Class<T> type) {
        try {
            return Optional.of(EventCodec.mapper().readValue(payload, type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
