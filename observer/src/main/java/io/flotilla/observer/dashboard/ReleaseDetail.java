package io.flotilla.observer.dashboard;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.flotilla.events.DriftFound;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
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
 */
public record ReleaseDetail(ReleaseKey release, ReleaseStatus status, List<TimelineEvent> history, boolean drifted,
        List<HeldRolloutView> rollouts) {

    /** Events of the history read for the page: its revisions, reconciles and drift over days to weeks. */
    public static final int HISTORY = 200;

    /** The revisions applied that the history holds, newest first. */
    List<ReleaseApplied> revisions() {
        return history.stream().filter(event -> "ReleaseApplied".equals(event.type))
                .flatMap(event -> payload(event, ReleaseApplied.class).stream()).toList();
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
        try {
            return Optional.of(EventCodec.mapper().readValue(event.payload, type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
