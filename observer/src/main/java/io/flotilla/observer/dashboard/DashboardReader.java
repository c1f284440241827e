package io.flotilla.observer.dashboard;

import jakarta.enterprise.context.ApplicationScoped;

import io.flotilla.observer.commit.CommitJourneys;
import io.flotilla.observer.deadletter.DeadLetters;
import io.flotilla.observer.drift.DriftRecords;
import io.flotilla.observer.inventory.ClusterStates;
import io.flotilla.observer.release.Releases;
import io.flotilla.observer.timeline.Timeline;
import io.smallrye.mutiny.Uni;

/**
 * Reads what one dashboard page shows, from the stores of the clusters, releases, drift, timeline and dead letters.
 */
@ApplicationScoped
public class DashboardReader {

    static final int COMMITS_SHOWN = 10;

    private final ClusterStates clusters;
    private final Releases releases;
    private final DriftRecords drifts;
    private final Timeline timeline;
    private final CommitJourneys journeys;
    private final DeadLetters deadLetters;

    public DashboardReader(ClusterStates clusters, Releases releases, DriftRecords drifts, Timeline timeline,
            CommitJourneys journeys, DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
        this.clusters = clusters;
        this.releases = releases;
        this.drifts = drifts;
        this.timeline = timeline;
        this.journeys = journeys;
    }

    /**
     * @param page   the matrix page, from 1
     * @param filter the text the matrix's releases contain, or null
     * @param commit the sha of a commit whose journey is shown, or null
     */
    public Uni<Dashboard> read(int page, String filter, String commit) {
        // One after the other: the reads share the request's database session, which takes one query at a time.
        return clusters.all().chain(states -> releases.countsByCluster().chain(counts -> releases
                .page(filter, (page - 1) * Dashboard.PAGE_ROWS, Dashboard.PAGE_ROWS).chain(rows -> drifts.releases()
                        .chain(drifted -> drifts.first(DriftList.ROWS).chain(listed -> timeline
                                .latestOfType("CommitDetected", COMMITS_SHOWN).chain(commits -> journeys.latest(commit)
                                        .chain(journey -> deadLetters.latest(DeadLetterList.ROWS)
                                                .map(letters -> new Dashboard(states, counts, rows, filter, page,
                                                        drifted, listed,
                                                        commits.stream().map(Dashboard.CommitLine::of).toList(),
                                                        commit, journey, letters)))))))));
    }
}
