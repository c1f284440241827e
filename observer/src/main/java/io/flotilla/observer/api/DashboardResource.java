package io.flotilla.observer.api;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.events.EventCodec;
import io.flotilla.observer.commit.CommitJourney;
import io.flotilla.observer.drift.DriftRecords;
import io.flotilla.observer.inventory.ClusterStates;
import io.flotilla.observer.release.Releases;
import io.flotilla.observer.timeline.Timeline;
import io.flotilla.observer.timeline.TimelineEvent;
import io.smallrye.mutiny.Uni;
import io.flotilla.observer.dashboard.Dashboard;
import io.flotilla.observer.dashboard.DashboardPage;
import io.flotilla.observer.dashboard.DriftList;

/**
 * {@code GET /}: the fleet dashboard; {@code page} and {@code release} (a text the release names contain) choose
 * the rows of the release matrix, {@code commit} a commit whose journey is shown.
 */
@Path("/")
public class DashboardResource {

    static final int COMMITS_SHOWN = 10;

    private final ClusterStates clusters;
    private final Releases releases;
    private final DriftRecords drifts;
    private final Timeline timeline;

    public DashboardResource(ClusterStates clusters, Releases releases, DriftRecords drifts, Timeline timeline) {
        this.clusters = clusters;
        this.releases = releases;
        this.drifts = drifts;
        this.timeline = timeline;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> page(@QueryParam("page") @DefaultValue("1") int page, @QueryParam("release") String filter,
            @QueryParam("commit") String commit) {
        if (page < 1) {
            throw new BadRequestException("page counts from 1, was " + page);
        }
        // One after the other: the reads share the request's database session, which takes one query at a time.
        return clusters.all().chain(states -> releases.countsByCluster().chain(counts -> releases
                .page(filter, (page - 1) * Dashboard.PAGE_ROWS, Dashboard.PAGE_ROWS).chain(rows -> drifts.releases()
                        .chain(drifted -> drifts.first(DriftList.ROWS).chain(listed -> timeline
                                .latestOfType("CommitDetected", COMMITS_SHOWN).chain(commits -> journey(commit)
                                        .map(journey -> DashboardPage.render(new Dashboard(states, counts, rows, filter,
                                                page, drifted, listed, commits.stream().map(DashboardResource::line)
                                                        .toList(), commit, journey)))))))));
    }

    /** The journey of the commit, or null when none is asked for or the observer has not seen it. */
    private Uni<CommitJourney> journey(String sha) {
        if (sha == null || sha.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return timeline.commits(sha.trim()).chain(commits -> commits.isEmpty() ? Uni.createFrom().nullItem()
                : timeline.journey(commits.get(commits.size() - 1).correlationId).map(CommitJourney::of));
    }

    private static Dashboard.CommitLine line(TimelineEvent event) {
        JsonNode payload;
        try {
            payload = EventCodec.mapper().readTree(event.payload);
        } catch (JsonProcessingException e) {
            payload = EventCodec.mapper().createObjectNode();
        }
        return new Dashboard.CommitLine(payload.path("sha").asText(""), payload.path("message").asText(null),
                payload.path("author").asText(null), event.time);
    }
}
