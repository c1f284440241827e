package io.flotilla.observer.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.events.Outcome;
import io.flotilla.observer.commit.CommitJourney;
import io.flotilla.observer.deadletter.DeadLetterView;
import io.flotilla.observer.drift.DriftRecords.DriftView;
import io.flotilla.observer.fleet.ClusterView;
import io.flotilla.observer.image.ImageChoiceView;
import io.flotilla.observer.release.ReleaseStatus;
import io.flotilla.observer.release.Releases.ReleasePage;
import io.flotilla.observer.rollout.HeldRolloutView;
import io.flotilla.observer.timeline.TimelineEvent;
import io.flotilla.observer.trend.Trends;

/**
 * What one dashboard page shows, read before it is written.
 *
 * @param clusters    the registered clusters the selector matches, each with its state, releases and bootstrap
 * @param selector    the label selector choosing the clusters, empty for all
 * @param releases    the page of the release x cluster matrix
 * @param filter      which releases the matrix shows
 * @param page        the matrix page, from 1
 * @param drifted     every drifted release, as {@code cluster/namespace/name}
 * @param drifts      the first drifted releases with their objects, enough for the drift list
 * @param rollouts    every release held or halted at a wave gate
 * @param commits     the latest commits
 * @param commit      the sha of the commit asked for, or null
 * @param journey     its journey, or null when none is asked for or it was not seen
 * @param deadLetters the latest dead letters, newest first
 * @param images      every image and policy with the tag last chosen and its Auto-release commit
 * @param automations where the image-updater's own view of the automations is (last scans, errors)
 * @param group       the label whose values group the cluster cards ({@code env} unless asked otherwise)
 * @param failures    the latest failed releases on the clusters shown, newest first, for the headline
 * @param outcomes    by cluster, how many of its releases are in each status
 * @param trends      the fleet over time: releases Ready per cluster, the latest commits' hops, drift per day
 */
public record Dashboard(List<ClusterView> clusters, String selector, ReleasePage releases, MatrixFilter filter,
        int page, Set<String> drifted, List<DriftView> drifts, List<HeldRolloutView> rollouts, List<CommitLine> commits,
        String commit, CommitJourney journey, List<DeadLetterView> deadLetters, List<ImageChoiceView> images,
        String automations, String group, List<ReleaseStatus> failures, Map<String, Map<Outcome, Long>> outcomes,
        Trends.Overview trends) {

    /** The label that groups the cluster cards unless another is asked for. */
    public static final String DEFAULT_GROUP = "env";

    /** Release rows per page of the matrix: with 50 clusters, 5,000 cells at most. */
    public static final int PAGE_ROWS = 100;

    /** One commit in the list of the latest ones. */
    public record CommitLine(String sha, String message, String author, Instant detectedAt) {

        static CommitLine of(TimelineEvent commit) {
            JsonNode payload = commit.payloadJson();
            return new CommitLine(payload.path("sha").asText(""), payload.path("message").asText(null),
                    payload.path("author").asText(null), commit.time);
        }
    }
}
