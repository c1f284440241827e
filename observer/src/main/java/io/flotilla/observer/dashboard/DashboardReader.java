package io.flotilla.observer.dashboard;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.flotilla.observer.commit.CommitJourneys;
import io.flotilla.observer.deadletter.DeadLetters;
import io.flotilla.observer.drift.DriftRecords;
import io.flotilla.observer.fleet.ClusterViews;
import io.flotilla.observer.fleet.LabelSelector;
import io.flotilla.observer.image.ImageChoices;
import io.flotilla.observer.release.Releases;
import io.flotilla.observer.rollout.HeldRollouts;
import io.flotilla.observer.timeline.Timeline;
import io.smallrye.mutiny.Uni;

/**
 * Reads what one dashboard page shows, from the stores of the clusters, releases, drift, rollouts, timeline, dead
 * letters and image choices.
 */
@ApplicationScoped
public class DashboardReader {

    static final int COMMITS_SHOWN = 10;

    private final ClusterViews clusters;
    private final Releases releases;
    private final DriftRecords drifts;
    private final HeldRollouts rollouts;
    private final Timeline timeline;
    private final CommitJourneys journeys;
    private final DeadLetters deadLetters;
    private final ImageChoices images;
    private final String automations;

    public DashboardReader(ClusterViews clusters, Releases releases, DriftRecords drifts, HeldRollouts rollouts,
            Timeline timeline, CommitJourneys journeys, DeadLetters deadLetters, ImageChoices images,
            @ConfigProperty(name = "flotilla.images.automations-url") String automations) {
        this.images = images;
        this.automations = automations;
        this.deadLetters = deadLetters;
        this.clusters = clusters;
        this.releases = releases;
        this.drifts = drifts;
        this.rollouts = rollouts;
        this.timeline = timeline;
        this.journeys = journeys;
    }

    /**
     * @param page     the matrix page, from 1
     * @param filter   the text the matrix's releases contain, or null
     * @param commit   the sha of a commit whose journey is shown, or null
     * @param selector the labels of the clusters shown
     */
    public Uni<Dashboard> read(int page, String filter, String commit, LabelSelector selector) {
        // One after the other: the reads share the request's database session, which takes one query at a time.
        return clusters.matching(selector).chain(views -> releases
                .page(filter, (page - 1) * Dashboard.PAGE_ROWS, Dashboard.PAGE_ROWS).chain(rows -> drifts.releases()
                        .chain(drifted -> drifts.first(DriftList.ROWS).chain(listed -> rollouts.all()
                                .chain(held -> timeline.latestOfType("CommitDetected", COMMITS_SHOWN)
                                        .chain(commits -> journeys.latest(commit)
                                                .chain(journey -> deadLetters.latest(DeadLetterList.ROWS)
                                                        .chain(letters -> images.all().map(chosen -> new Dashboard(
                                                                views, selector.toString(), rows, filter, page,
                                                                drifted, listed, held,
                                                                commits.stream().map(Dashboard.CommitLine::of).toList(),
                                                                commit, journey, letters, chosen,
                                                                automations))))))))));
    }
}
