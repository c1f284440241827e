package io.flotilla.observer.api;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.flotilla.events.EventCodec;
import io.flotilla.events.ReleaseKey;
import io.flotilla.security.quarkus.CallerToken;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/**
 * The actions of a release page, as the command line has them: {@code POST /releases/{cluster}/{namespace}/{name}/
 * actions/{reconcile|suspend|resume|rollback}} from the page's forms, passed to the applier's API
 * ({@code flotilla.applier.url}), then back to the release page, which says what the applier answered. Plain HTML
 * forms: they work from the keyboard and without a script. The applier is called with the caller's own token
 * ({@link CallerToken}), so it refuses what it would refuse them. A suspension from the dashboard is by {@value #BY}.
 */
@Path("/releases/{cluster}/{namespace}/{name}/actions")
public class ReleaseActionsResource {

    static final String BY = "the dashboard";
    /** A rollback waits for the release to be Ready; the page says it still runs after this. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI applier;
    private final SecurityIdentity caller;

    public ReleaseActionsResource(@ConfigProperty(name = "flotilla.applier.url") String applier,
            SecurityIdentity caller) {
        this.applier = URI.create(applier.endsWith("/") ? applier : applier + "/");
        this.caller = caller;
    }

    @POST
    @Path("/{action}")
    @Blocking
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response act(@PathParam("cluster") String cluster, @PathParam("namespace") String namespace,
            @PathParam("name") String name, @PathParam("action") String action, @FormParam("reason") String reason,
            @FormParam("revision") String revision) {
        ReleaseKey release;
        try {
            release = new ReleaseKey(cluster, namespace, name);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(Answers.said(Response.Status.BAD_REQUEST, e.getMessage()));
        }
        String path = "api/releases/" + cluster + "/" + namespace + "/" + name + "/" + action;
        String said = switch (action) {
            case "reconcile" -> send(release, "api/reconcile", Map.of("release", release.toString()),
                    "Reconcile asked: the release is queued on its cluster.");
            case "suspend" -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("by", BY);
                if (reason != null && !reason.isBlank()) {
                    body.put("reason", reason.strip());
                }
                yield send(release, path, body, "Suspended: nothing is applied to it until it is resumed.");
            }
            case "resume" -> send(release, path, Map.of(), "Resumed: its newest rendering is applied now.");
            case "rollback" -> rollback(release, path, revision);
            default -> "There is no action '" + action + "'.";
        };
        return Response.seeOther(URI.create("/releases/" + cluster + "/" + namespace + "/" + name + "?said="
                + URLEncoder.encode(said, StandardCharsets.UTF_8) + "#actions")).build();
    }

    private String rollback(ReleaseKey release, String path, String revision) {
        int number;
        try {
            number = Integer.parseInt(revision == null ? "" : revision.strip());
        } catch (NumberFormatException e) {
            return "Say which revision to roll back to: a number, not '" + revision + "'.";
        }
        return send(release, path, Map.of("revision", number), "Rolled back to revision " + number
                + " as a new revision.");
    }

    /** The applier's answer to {@code body} at {@code path}, as the page says it. */
    private String send(ReleaseKey release, String path, Map<String, Object> body, String done) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(applier.resolve(path))
                    .timeout(PATIENCE).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(EventCodec.mapper().writeValueAsBytes(body)));
            // The applier decides as it would for the person who clicked: their token, their role.
            CallerToken.of(caller).ifPresent(token -> request.header("Authorization", "Bearer " + token));
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 == 2) {
                return answer.statusCode() == 202 && path.endsWith("/rollback") ? answer.body() : done;
            }
            return "The applier refused (" + answer.statusCode() + "): " + answer.body();
        } catch (HttpTimeoutException e) {
            return "Still running after " + PATIENCE.toSeconds() + " s; the release's revisions show how it ends.";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers is always JSON", e);
        } catch (IOException e) {
            return "The applier at " + applier + " cannot be reached for " + release + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Interrupted while asking the applier.";
        }
    }
}
