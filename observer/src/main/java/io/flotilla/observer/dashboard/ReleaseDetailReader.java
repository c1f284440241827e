package io.flotilla.observer.dashboard;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.flotilla.events.ReleaseKey;
import io.flotilla.observer.drift.DriftRecords;
import io.flotilla.observer.release.ReleaseStatus;
import io.flotilla.observer.rollout.HeldRollouts;
import io.flotilla.observer.timeline.Timeline;
import io.smallrye.mutiny.Uni;

/** Reads what the page of one release shows: its status, its history in the timeline, its drift and rollouts. */
@ApplicationScoped
public class ReleaseDetailReader {

    private final Mutiny.SessionFactory sessions;
    private final Timeline timeline;
    private final DriftRecords drifts;
    private final HeldRollouts rollouts;

    public ReleaseDetailReader(Mutiny.SessionFactory sessions, Timeline timeline, DriftRecords drifts,
            HeldRollouts rollouts) {
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
                                                        .toList()))))));
    }
}
