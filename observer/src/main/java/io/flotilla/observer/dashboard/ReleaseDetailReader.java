package io.flotilla.observer.dashboard;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.flotilla.events.ReleaseKey;
import io.flotilla.observer.drift.DriftRecords;
import io.flotilla.observer.objecttree.ObjectTrees;
import io.flotilla.observer.objecttree.ReleaseObjects;
import io.flotilla.observer.release.ReleaseStatus;
import io.flotilla.observer.rollout.HeldRollouts;
import io.flotilla.observer.timeline.Timeline;
import io.flotilla.observer.timeline.TimelineEvent;
import io.smallrye.mutiny.Uni;

/**
 * Reads what the page of one release shows: its status, its history in the timeline, its drift and rollouts, and its
 * objects as they are on the cluster now.
 */
@ApplicationScoped
public class ReleaseDetailReader {

    private final Mutiny.SessionFactory sessions;
    private final Timeline timeline;
    private final DriftRecords drifts;
    private final HeldRollouts rollouts;
    private final ObjectTrees trees;

    public ReleaseDetailReader(Mutiny.SessionFactory sessions, Timeline timeline, DriftRecords drifts,
            HeldRollouts rollouts, ObjectTrees trees) {
        this.trees = trees;
        this.sessions = sessions;
        this.timeline = timeline;
        this.drifts = drifts;
        this.rollouts = rollouts;
    }

    /** The release's page; empty when the observer has seen nothing of it. */
    public Uni<Optional<ReleaseDetail>> read(ReleaseKey release) {
        String key = release.toString();
        return sessions.withSession(session -> session.find(ReleaseStatus.class, key))
                .chain(status -> timeline.ofKey(key, ReleaseDetail.HISTORY)
                        .chain(history -> drifts.releases().chain(drifted -> rollouts.all()
                                .map(held -> status == null && history.isEmpty() ? Optional.empty()
                                        : Optional.of(new ReleaseDetail(release, status, history,
                                                drifted.contains(key), held.stream()
                                                        .filter(rollout -> rollout.cluster().equals(release.cluster())
                                                                && rollout.namespace().equals(release.namespace())
                                                                && rollout.name().equals(release.name()))
                                                        .toList(), trees.changes(release.cluster()),
                                                        trees.of(release.cluster(), roots(history))))))));
    }

    /** The roots of the release's tree now: the objects and hooks of its newest revision applied. */
    public Uni<ReleaseObjects> roots(ReleaseKey release) {
        return timeline.ofKey(release.toString(), ReleaseDetail.HISTORY).map(ReleaseDetailReader::roots);
    }

    /** The objects and hooks of the newest revision in the history; none without a revision. */
    private static ReleaseObjects roots(List<TimelineEvent> history) {
        return ReleaseDetail.revisionsIn(history).stream().findFirst().map(ReleaseObjects::of)
                .orElse(ReleaseObjects.NONE);
    }
}
