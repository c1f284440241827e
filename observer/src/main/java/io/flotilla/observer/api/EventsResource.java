package io.flotilla.observer.api;

import java.util.List;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestStreamElementType;

import io.flotilla.observer.timeline.EventStream;
import io.flotilla.observer.timeline.EventView;
import io.flotilla.observer.timeline.Timeline;
import io.flotilla.observer.timeline.TimelineEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /api/events?correlationId=...}: the journey of one commit, in time order. Without a
 * correlation id: the latest events, newest first, at most {@code limit}.
 */
@Path("/api/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventsResource {

    public static final int MAX_LIMIT = 1000;

    private final Timeline timeline;
    private final EventStream stream;

    public EventsResource(Timeline timeline, EventStream stream) {
        this.timeline = timeline;
        this.stream = stream;
    }

    /** Each event as the observer keeps it, as Server-Sent Events. */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<EventView> stream() {
        return stream.events();
    }

    @GET
    public Uni<List<EventView>> events(@QueryParam("correlationId") String correlationId,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        Uni<List<TimelineEvent>> events = correlationId == null || correlationId.isBlank()
                ? timeline.latest(limit)
                : timeline.journey(correlationId);
        return events.map(list -> list.stream().map(EventView::of).toList());
    }
}
