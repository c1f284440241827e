package io.flotilla.observer.gitstatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.Envelope;
import io.flotilla.events.Event;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.Rollout;
import io.flotilla.observer.commit.CommitJourney;
import io.flotilla.observer.timeline.TimelineEvent;

/**
 * Which statuses a commit gets: one per cluster, or, with {@code per=wave}, one per wave of a rollout covering the wave's
 * clusters, from the events of its journey as the observer keeps them.
 */
class StatusScopeTest {

    private static final String SHA = "c0ffee1234c0ffee1234c0ffee1234c0ffee1234";

    @Test
    void perWaveOneStatusCoversTheWavesClustersAndReleasesOutsideWavesKeepOnePerCluster() {
        CommitJourney journey = journey(
                rendered("canary-1", "web", "canary"), applied("canary-1", "web", Outcome.Ready, null),
                rendered("prod-eu", "web", "prod"), applied("prod-eu", "web", Outcome.Failed, "ImagePullBackOff"),
                rendered("prod-us", "web", "prod"), applied("prod-us", "web", Outcome.Ready, null),
                rendered("prod-us", "metrics", null));

        List<String> statuses = StatusScope.of(journey, StatusScope.Per.WAVE).stream()
                .map(scope -> scope.name() + ": " + StatusVerdict.state(scope) + ", " + StatusVerdict.description(scope))
                .toList();

        assertThat(statuses).containsExactly(
                "prod-us: PENDING, 0 of 1 releases Ready",
                "web-rollout/canary: SUCCESS, 1 cluster: 1 release Ready",
                "web-rollout/prod: FAILURE, 2 clusters: 1 of 2 releases failed: prod-eu/apps/web");
    }

    @Test
    void perClusterEachClusterHasItsStatusWhateverItsWave() {
        CommitJourney journey = journey(
                rendered("canary-1", "web", "canary"), applied("canary-1", "web", Outcome.Ready, null),
                rendered("prod-eu", "web", "prod"));

        List<String> statuses = StatusScope.of(journey, StatusScope.Per.CLUSTER).stream()
                .map(scope -> scope.name() + ": " + StatusVerdict.state(scope) + ", " + StatusVerdict.description(scope))
                .toList();

        assertThat(statuses).containsExactly("canary-1: SUCCESS, 1 release Ready",
                "prod-eu: PENDING, 0 of 1 releases Ready");
    }

    private static CommitJourney journey(Event... releaseEvents) {
        Envelope<CommitDetected> commit = Envelope.first("git-watcher", new CommitDetected("/srv/fleet", "main", SHA,
                null, List.of("apps/web.yaml"), "Ann <ann@example.com>", "Bump web", null));
        List<TimelineEvent> events = new ArrayList<>(List.of(TimelineEvent.of(commit)));
        for (Event event : releaseEvents) {
            events.add(TimelineEvent.of(Envelope.causedBy(commit, "test", event)));
        }
        return CommitJourney.of(events);
    }

    private static ReleaseRendered rendered(String cluster, String release, String wave) {
        return ReleaseRendered.builder().release(new ReleaseKey(cluster, "apps", release)).format(ReleaseFormat.FLUX_V2)
                .repository("/srv/fleet").sourceSha(SHA).sourceFile("apps/" + release + ".yaml")
                .objects(List.of(Map.of("apiVersion", "v1", "kind", "ConfigMap")))
                .rollout(wave == null ? null : new Rollout("web-rollout", wave.equals("canary") ? 0 : 1, wave, 0,
                        Map.of()))
                .build();
    }

    private static ReleaseApplied applied(String cluster, String release, Outcome outcome, String error) {
        return ReleaseApplied.builder().release(new ReleaseKey(cluster, "apps", release)).revision(1).outcome(outcome)
                .sourceSha(SHA).error(error).build();
    }
}
