package io.flotilla.gitwatcher.api;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.flotilla.gitwatcher.delivery.AcceptedDeliveries;
import io.flotilla.gitwatcher.preview.PreviewRefusedException;
import io.flotilla.gitwatcher.preview.PreviewTopic;
import io.flotilla.gitwatcher.preview.PullRequestPreviews;
import io.flotilla.gitwatcher.source.GitConfig;
import io.flotilla.gitwatcher.sync.WatchedSources;
import io.flotilla.gitwatcher.webhook.HookReceiver;
import io.flotilla.gitwatcher.webhook.HookRequest;
import io.flotilla.gitwatcher.webhook.RefusalLimit;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /hooks/{github,gitlab,gitea,bitbucket,generic}}: a Git host says something was pushed. A
 * verified push starts the fetch in the background and gets 202 at once; any instance may receive it, and one that
 * does not hold the source passes it to the instance that does. A delivery that names itself (GitHub's
 * {@code X-GitHub-Delivery}...) is accepted once, by whichever instance gets it first; sent again, it gets 409.
 * A client address that sends more refused deliveries (401, 409) than {@code flotilla.git.webhooks.*} allows gets 429
 * with {@code Retry-After} for its refused ones until its window ends ({@link RefusalLimit}); good ones pass. Bodies
 * over {@code quarkus.http.limits.max-body-size} are refused with 413 before they are read. Deliveries are counted by
 * host and outcome ({@code flotilla_git_webhook_deliveries_total} on {@code /q/metrics}). A pull (merge) request
 * delivery of a watched repository merging into a watched branch has its head fetched into the mirror (on a worker
 * thread, never the event loop) and a preview asked for: 202 with the sha; a head that cannot be fetched is answered
 * 502 with the reason, and nothing is asked.
 */
@Path("/hooks/{host}")
public class HooksResource {

    private static final Logger LOG = Logger.getLogger(HooksResource.class);

    private final WatchedSources sources;
    private final AcceptedDeliveries accepted;
    private final HookReceiver receiver = new HookReceiver();
    private final MeterRegistry metrics;
    private final PullRequestPreviews previews;
    private final RefusalLimit refusals;

    public HooksResource(WatchedSources sources, AcceptedDeliveries accepted, MeterRegistry metrics,
            PreviewTopic previews, GitConfig config) {
        this.sources = sources;
        this.accepted = accepted;
        this.metrics = metrics;
        this.previews = new PullRequestPreviews(previews, Clock.systemUTC());
        this.refusals = new RefusalLimit(config.webhooks().refusalsPerClient(), config.webhooks().refusalWindow(),
                Clock.systemUTC());
    }

    @POST
    public Uni<Response> deliver(@PathParam("host") String host, HttpHeaders headers, HttpServerRequest request,
            byte[] body) {
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        if (HookReceiver.knownHost(host).isEmpty()) {
            return Uni.createFrom().item(Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", "no webhook for Git host " + host)).build());
        }
        Map<String, String> flat = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> flat.put(name, values.isEmpty() ? null : values.get(0)));
        HookReceiver.Delivery received = receiver.receive(host, new HookRequest(flat, body), sources.definitions());
        Uni<HookReceiver.Delivery> once = received.id() == null ? Uni.createFrom().item(received)
                : accepted.firstTime(host, received.id()).map(first -> first ? received : received.replayed());
        return once.flatMap(delivery -> delivery.outcome() == HookReceiver.Outcome.PREVIEW
                ? Uni.createFrom().item(() -> preview(host, delivery))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                : Uni.createFrom().item(answer(host, client, delivery)));
    }

    /** Fetches the pull request's head and asks for its preview; blocking, so on a worker thread. */
    private Response preview(String host, HookReceiver.Delivery delivery) {
        HookReceiver.Preview preview = delivery.preview();
        Optional<WatchedSources.WatchedAccess> watched = sources.watched(preview.source());
        String outcome = delivery.outcome().name().toLowerCase(Locale.ROOT);
        if (watched.isEmpty()) {
            return answer(host, new HookReceiver.Delivery(HookReceiver.Outcome.IGNORED, List.<String>of(), "source "
                    + preview.source() + " is no longer watched", delivery.id(), null));
        }
        try {
            String sha = previews.request(watched.get().definition(), watched.get().access(), preview.pullRequest());
            metrics.counter("flotilla.git.webhook.deliveries", "host", host, "outcome", outcome).increment();
            return Response.status(Response.Status.ACCEPTED).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("outcome", outcome, "sources", List.of(preview.source()), "reason",
                            delivery.reason(), "sha", sha))
                    .build();
        } catch (PreviewRefusedException e) {
            LOG.warnf("/hooks/%s: %s", host, e.getMessage());
            metrics.counter("flotilla.git.webhook.deliveries", "host", host, "outcome", "preview-refused").increment();
            return Response.status(Response.Status.BAD_GATEWAY).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("outcome", "preview-refused", "sources", List.of(preview.source()), "reason",
                            e.getMessage()))
                    .build();
        }
    }

    private Response answer(String host, String client, HookReceiver.Delivery delivery) {
        if (delivery.outcome() == HookReceiver.Outcome.UNAUTHORIZED
                || delivery.outcome() == HookReceiver.Outcome.REPLAYED) {
            Optional<Duration> limited = refusals.refused(client);
            if (limited.isPresent()) {
                return limited(host, client, limited.get());
            }
        }
        return answer(host, delivery);
    }

    /** 429 to a client past its budget of refused deliveries; one line in the log per window, not one per delivery. */
    private Response limited(String host, String client, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        if (refusals.firstPastBudget(client)) {
            LOG.warnf("/hooks/%s: %s sent more refused deliveries than flotilla.git.webhooks.refusals-per-client"
                    + " allows; its refused deliveries get 429 for %d s", host, client, seconds);
        }
        metrics.counter("flotilla.git.webhook.deliveries", "host", host, "outcome", "limited").increment();
        return Response.status(Response.Status.TOO_MANY_REQUESTS).type(MediaType.APPLICATION_JSON)
                .header("Retry-After", seconds)
                .entity(Map.of("outcome", "limited", "reason", "too many refused deliveries from " + client
                        + "; try again in " + seconds + " s"))
                .build();
    }

    private Response answer(String host, HookReceiver.Delivery delivery) {
        sources.fetch(delivery.sources());
        String outcome = delivery.outcome().name().toLowerCase(Locale.ROOT);
        metrics.counter("flotilla.git.webhook.deliveries", "host", host, "outcome", outcome).increment();
        if (delivery.outcome() == HookReceiver.Outcome.UNAUTHORIZED) {
            LOG.warnf("/hooks/%s: refused a delivery with a missing or wrong signature", host);
        } else if (delivery.outcome() == HookReceiver.Outcome.REPLAYED) {
            LOG.warnf("/hooks/%s: refused delivery %s, accepted before", host, delivery.id());
        }
        return Response.status(status(delivery.outcome())).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("outcome", outcome,
                        "sources", delivery.sources(), "reason", delivery.reason()))
                .build();
    }

    private static Response.Status status(HookReceiver.Outcome outcome) {
        return switch (outcome) {
            case TRIGGERED, IGNORED, PREVIEW -> Response.Status.ACCEPTED;
            case PING -> Response.Status.OK;
            case UNAUTHORIZED -> Response.Status.UNAUTHORIZED;
            case MALFORMED -> Response.Status.BAD_REQUEST;
            case REPLAYED -> Response.Status.CONFLICT;
        };
    }
}
