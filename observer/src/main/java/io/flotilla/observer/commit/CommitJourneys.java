package io.flotilla.observer.commit;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.flotilla.observer.timeline.Timeline;
import io.smallrye.mutiny.Uni;

/** The journeys of commits, read from the timeline by a sha or the shas it begins. */
@ApplicationScoped
public class CommitJourneys {

    private final Timeline timeline;

    public CommitJourneys(Timeline timeline) {
        this.timeline = timeline;
    }

    /** What the commit did, one journey per repository that has it, oldest first; none when it was not seen. */
    public Uni<List<CommitJourney>> of(String sha) {
        return timeline.commits(sha).chain(commits -> commits.isEmpty() ? Uni.createFrom().item(List.of())
                : Uni.join().all(commits.stream()
                        .map(commit -> timeline.journey(commit.correlationId).map(CommitJourney::of)).toList())
                        .andFailFast());
    }

    /** The journey of the latest commit of the sha; null when none is asked for or the observer has not seen it. */
    public Uni<CommitJourney> latest(String sha) {
        if (sha == null || sha.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return timeline.commits(sha.trim()).chain(commits -> commits.isEmpty() ? Uni.createFrom().nullItem()
                : timeline.journey(commits.get(commits.size() - 1).correlationId).map(CommitJourney::of));
    }
}
