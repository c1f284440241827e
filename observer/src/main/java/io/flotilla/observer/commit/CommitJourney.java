package io.flotilla.observer.commit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.observer.timeline.TimelineEvent;

/**
 * What one commit did on every cluster, from the events of its journey: per release when it was rendered and
 * applied, how long each hop took after the commit was detected, and the outcome. An {@code Auto-release} commit's
 * journey starts earlier, at the image tag that caused it.
 *
 * @param image the image tag this commit moved releases to, when git-watcher wrote it for one; else null
 */
public record CommitJourney(String sha, String repository, Instant detectedAt, ImageCause image,
        List<ClusterHops> clusters) {

    /**
     * The {@code ImageTagFound} an {@code Auto-release} commit carries the correlation id of.
     *
     * @param commitAfterMs from the image event to the commit detected
     */
    public record ImageCause(String repository, String tag, Instant foundAt, long commitAfterMs) {
    }

    /** One cluster: its releases and the slowest time from the commit to applied. */
    public record ClusterHops(String cluster, int ready, int failed, Long commitToAppliedMs, List<ReleaseHops> releases) {
    }

    /**
     * One release: rendered and applied, with the latency of each hop in milliseconds.
     *
     * @param wave {@code <rollout>/<wave>} when the targeting file rolls the release out in waves; else null
     */
    public record ReleaseHops(String namespace, String name, Instant renderedAt, Long renderMs, Instant appliedAt,
            Long applyMs, String outcome, String error, String wave) {
    }

    /** @param events the journey, in time order: its CommitDetected, after the image event that caused it if any */
    public static CommitJourney of(List<TimelineEvent> events) {
        TimelineEvent commit = events.stream().filter(event -> event.type.equals("CommitDetected")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("a commit's journey without its CommitDetected"));
        JsonNode commitPayload = commit.payloadJson();
        ImageCause image = events.stream().filter(event -> event.type.equals("ImageTagFound")).findFirst()
                .map(found -> new ImageCause(found.payloadJson().path("repository").asText(null),
                        found.payloadJson().path("tag").asText(null), found.time, between(found.time, commit.time)))
                .orElse(null);
        Map<String, Map<String, ReleaseHops>> byCluster = new TreeMap<>();
        for (TimelineEvent event : events) {
            boolean releaseEvent = event.type.equals("ReleaseRendered") || event.type.equals("ReleaseApplied");
            if (!releaseEvent || event.key == null || event.key.split("/").length != 3) {
                continue;
            }
            String[] key = event.key.split("/");
            Map<String, ReleaseHops> releases = byCluster.computeIfAbsent(key[0], cluster -> new TreeMap<>());
            ReleaseHops known = releases.getOrDefault(key[1] + "/" + key[2],
                    new ReleaseHops(key[1], key[2], null, null, null, null, null, null, null));
            if (event.type.equals("ReleaseRendered")) {
                JsonNode payload = event.payloadJson();
                known = new ReleaseHops(key[1], key[2], event.time, between(commit.time, event.time), known.appliedAt(),
                        known.applyMs(), known.outcome(), payload.path("error").asText(null), wave(payload));
            } else {
                JsonNode payload = event.payloadJson();
                known = new ReleaseHops(key[1], key[2], known.renderedAt(), known.renderMs(), event.time,
                        known.renderedAt() == null ? null : between(known.renderedAt(), event.time),
                        payload.path("outcome").asText(null),
                        payload.path("error").asText(known.error()), known.wave());
            }
            releases.put(key[1] + "/" + key[2], known);
        }
        List<ClusterHops> clusters = new ArrayList<>();
        byCluster.forEach((cluster, releases) -> {
            List<ReleaseHops> list = List.copyOf(releases.values());
            Long slowest = list.stream().filter(release -> release.appliedAt() != null)
                    .map(release -> between(commit.time, release.appliedAt())).max(Long::compare).orElse(null);
            clusters.add(new ClusterHops(cluster,
                    (int) list.stream().filter(release -> "Ready".equals(release.outcome())).count(),
                    (int) list.stream().filter(release -> "Failed".equals(release.outcome())).count(), slowest, list));
        });
        return new CommitJourney(commitPayload.path("sha").asText(null), commitPayload.path("repository").asText(null),
                commit.time, image, clusters);
    }

    /** {@code <rollout>/<wave>} of a rendering in a rollout of waves; null for one without. */
    private static String wave(JsonNode rendered) {
        JsonNode rollout = rendered.path("rollout");
        if (!rollout.isObject()) {
            return null;
        }
        return rollout.path("name").asText("") + "/" + rollout.path("waveName").asText(rollout.path("wave").asText());
    }

    private static Long between(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }
}
