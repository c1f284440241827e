package io.flotilla.observer.timeline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.leases.DatabaseChannel;
import io.flotilla.leases.Leases;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Every event the observer keeps, as it comes, to whoever listens. Each instance keeps the events of its own
 * partitions and the drift and states of the clusters it watches: {@link #keptHere()} is those, for what must act
 * once per event (commit statuses, notifications); {@link #events()} adds what every other instance kept, told on the
 * {@code events} channel, for the live streams (the SSE stream, the dashboard), so a stream opened on any instance
 * shows the whole fleet. An event too large for a notice (8,000 bytes) reaches the other instances without its
 * payload; {@code GET /api/events} has it whole.
 */
@ApplicationScoped
public class EventStream {

    private static final Logger LOG = Logger.getLogger(EventStream.class);

    /** Below PostgreSQL's limit on a notice's payload, with room for the instance's name. */
    private static final int NOTICE_BYTES = 7_500;

    private final BroadcastProcessor<EventView> here = BroadcastProcessor.create();
    private final BroadcastProcessor<EventView> everywhere = BroadcastProcessor.create();
    private final String instance;
    private final DatabaseChannel channel;
    private final ExecutorService relay = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-relay");
        thread.setDaemon(true);
        return thread;
    });

    public EventStream(Leases leases, @Named("events") DatabaseChannel channel) {
        this.instance = leases.instance();
        this.channel = channel;
    }

    /** Listens to the other instances; a notice missed while the channel reconnects is not streamed here. */
    @PostConstruct
    public void start() {
        channel.listen(() -> {
        }, this::told, relay);
    }

    public void kept(Envelope<?> envelope) {
        shown(EventView.of(TimelineEvent.of(envelope)));
    }

    /** Something the observer keeps that is not an event of the timeline (a dead letter). */
    public void shown(EventView view) {
        here.onNext(view);
        everywhere.onNext(view);
        channel.tell(instance + " " + notice(view));
    }

    /** What this instance kept. Listeners that fall behind lose the oldest events rather than hold the intake up. */
    public Multi<EventView> keptHere() {
        return here.onOverflow().drop();
    }

    /** What every instance kept. Listeners that fall behind lose the oldest events rather than hold the intake up. */
    public Multi<EventView> events() {
        return everywhere.onOverflow().drop();
    }

    @PreDestroy
    void stop() {
        channel.close();
        relay.shutdownNow();
    }

    private void told(String notice) {
        int space = notice.indexOf(' ');
        if (space < 0 || notice.substring(0, space).equals(instance)) {
            return;
        }
        try {
            JsonNode view = EventCodec.mapper().readTree(notice.substring(space + 1));
            JsonNode payload = view.path("payload");
            everywhere.onNext(new EventView(text(view, "id"), text(view, "type"),
                    view.hasNonNull("time") ? EventCodec.mapper().treeToValue(view.get("time"), Instant.class) : null, text(view, "source"),
                    text(view, "key"), text(view, "correlationId"),
                    payload.isMissingNode() || payload.isNull() ? null : payload.toString()));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("an event told by instance %s cannot be read: %s", notice.substring(0, space), e.getMessage());
        }
    }

    private static String text(JsonNode view, String field) {
        return view.hasNonNull(field) ? view.get(field).asText() : null;
    }

    private static String notice(EventView view) {
        String whole = json(view);
        if (whole.getBytes(StandardCharsets.UTF_8).length <= NOTICE_BYTES) {
            return whole;
        }
        return json(new EventView(view.id(), view.type(), view.time(), view.source(), view.key(),
                view.correlationId(), null));
    }

    private static String json(EventView view) {
        try {
            return EventCodec.mapper().writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + view.id() + " cannot be written as JSON", e);
        }
    }
}
