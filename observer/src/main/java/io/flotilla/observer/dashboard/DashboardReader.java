package io.flotilla.observer.dashboard;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.flotilla.events.Outcome;
import io.flotilla.observer.commit.CommitJourney;
import io.flotilla.observer.commit.CommitJourneys;
import io.flotilla.observer.deadletter.DeadLetterView;
import io.flotilla.observer.deadletter.DeadLetters;
import io.flotilla.observer.drift.DriftRecords;
import io.flotilla.observer.drift.DriftRecords.DriftView;
import io.flotilla.observer.fleet.ClusterView;
import io.flotilla.observer.fleet.ClusterViews;
import io.flotilla.observer.fleet.LabelSelector;
import io.flotilla.observer.image.ImageChoiceView;
import io.flotilla.observer.image.ImageChoices;
import io.flotilla.observer.release.ReleaseStatus;
import io.flotilla.observer.release.Releases.ReleasePage;
import io.flotilla.observer.rollout.HeldRolloutView;
import io.flotilla.observer.timeline.Timeline;
import io.flotilla.observer.trend.Trends;
import io.smallrye.mutiny.Uni;

/**
 * Reads what one dashboard page shows, from the stores of the clusters, releases, drift, rollouts, timeline, dead
 * letters, image choices and the fleet over time.
 */
@ApplicationScoped
public class DashboardReader {

    static final int COMMITS_SHOWN = 10;

    private final ClusterViews clusters;
    private final DriftRecords drifts;
    private final Timeline timeline;
    private final CommitJourneys journeys;
    private final DeadLetters deadLetters;
    private final ImageChoices images;
    private final String automations;
    private final MatrixRows matrix;
    private final RecentFailures failures;
    private final Trends trends;

    public DashboardReader(ClusterViews clusters, DriftRecords drifts, Timeline timeline, CommitJourneys journeys,
            DeadLetters deadLetters, ImageChoices images,
            @ConfigProperty(name = "flotilla.images.automations-url") String automations, MatrixRows matrix,
            RecentFailures failures, Trends trends) {
        this.trends = trends;
        this.matrix = matrix;
        this.failures = failures;
        this.images = images;
        this.automations = automations;
        this.deadLetters = deadLetters;
        this.clusters = clusters;
        this.drifts = drifts;
        this.timeline = timeline;
        this.journeys = journeys;
    }

    /**
     * @param page     the matrix page, from 1
     * @param filter   which releases the matrix shows
     * @param commit   the sha of a commit whose journey is shown, or null
     * @param selector the labels of the clusters shown
     * @param group    the label whose values group the cluster cards
     */
    public Uni<Dashboard> read(int page, MatrixFilter filter, String commit, LabelSelector selector, String group) {
        // One after the other: the reads share the request's database session, which takes one query at a time.
        return fleet(page, filter, selector).chain(fleet -> activity(commit).chain(activity -> trends.overview()
                .map(overTime -> new Dashboard(fleet.views(), selector.toString(), fleet.rows(), filter, page,
                        fleet.drifted(), fleet.listed(), fleet.held(), activity.commits(), commit, activity.journey(),
                        activity.letters(), activity.images(), automations, group, fleet.failed(), fleet.outcomes(),
                        overTime))));
    }

    /** What the clusters, the matrix and the headline show. */
    private record Fleet(List<ClusterView> views, ReleasePage rows, Set<String> drifted, List<DriftView> listed,
            List<HeldRolloutView> held, List<ReleaseStatus> failed, Map<String, Map<Outcome, Long>> outcomes) {
    }

    /** The clusters' reads give the drifted releases, held rollouts and counts by status the rest shows too. */
    private Uni<Fleet> fleet(int page, MatrixFilter filter, LabelSelector selector) {
        return clusters.fleet(selector).chain(read -> matrix.page(filter,
                selector.toString().isEmpty() ? null : read.views().stream().map(ClusterView::name).toList(),
                (page - 1) * Dashboard.PAGE_ROWS, Dashboard.PAGE_ROWS)
                .chain(rows -> drifts.first(DriftList.ROWS).chain(listed -> failures.latest(
                        AttentionList.FAILURES_READ).map(failed -> new Fleet(read.views(), rows, read.drifted(),
                                listed, read.held(), failed, read.outcomes())))));
    }

    /** What the commits, dead letters and image automation show. */
    private record Activity(List<Dashboard.CommitLine> commits, CommitJourney journey, List<DeadLetterView> letters,
            List<ImageChoiceView> images) {
    }

    private Uni<Activity> activity(String commit) {
        return timeline.latestOfType("CommitDetected", COMMITS_SHOWN).chain(commits -> journeys.latest(commit)
                .chain(journey -> deadLetters.latest(DeadLetterList.ROWS).chain(letters -> images.all()
                        .map(chosen -> new Activity(commits.stream().map(Dashboard.CommitLine::of).toList(), journey,
                                letters, chosen)))));
    }
}
