package io.flotilla.gitwatcher.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.flotilla.git.outbound.OutboundPolicy;
import io.flotilla.git.outbound.OutboundRefusedException;
import io.flotilla.gitwatcher.autorelease.AutoReleases;
import io.flotilla.gitwatcher.signature.SigningKeys;
import io.flotilla.gitwatcher.source.GitConfig;
import io.flotilla.gitwatcher.source.BranchGlob;
import io.flotilla.gitwatcher.source.GitSource;
import io.flotilla.gitwatcher.source.RefSelector;
import io.flotilla.gitwatcher.source.SourceCredentials;
import io.flotilla.gitwatcher.source.SourceDefinition;
import io.flotilla.gitwatcher.source.SourceStatus;
import io.flotilla.gitwatcher.sync.SourceConflictException;
import io.flotilla.gitwatcher.sync.WatchedSources;

/**
 * {@code /api/sources}: every watched source with its last emitted commit, its last fetch and its Auto-release
 * commits (the last pushed, edits skipped, a push refused); sources added and removed at run time.
 */
@Path("/api/sources")
@Produces(MediaType.APPLICATION_JSON)
public class SourcesResource {

    /**
     * What {@code POST /api/sources} takes; absent fields take the configured defaults. One of {@code branch},
     * {@code tags} (a pattern) or {@code semver} (a range) says what to follow; {@code signingKeys} (armored
     * OpenPGP public keys, or paths of key files) turns signature checking on. {@code secret} ({@code
     * namespace/name}) names a Secret holding the credentials, in place of {@code username} or {@code sshKey}.
     * Webhook deliveries are taken when signed with {@code webhookSecret}, or unsigned when {@code unsignedWebhooks}
     * is true; otherwise not at all. {@code previewBranches} (a glob, {@code preview/*}) previews the branches it
     * matches on each new head the polls find, for hosts that send no pull request webhooks.
     */
    public record NewSource(String id, String repository, String branch, String tags, String semver,
            Long pollIntervalSeconds, List<String> paths, String webhookSecret, Boolean unsignedWebhooks,
            String username, String password, String sshKey, String knownHosts, List<String> signingKeys,
            String secret, String previewBranches) {
    }

    private static final String ARMORED_KEY = "-----BEGIN PGP PUBLIC KEY BLOCK-----";

    private final WatchedSources sources;
    private final GitConfig config;
    private final AutoReleases autoReleases;
    private final OutboundPolicy outbound;

    public SourcesResource(WatchedSources sources, GitConfig config, AutoReleases autoReleases,
            OutboundPolicy outbound) {
        this.sources = sources;
        this.config = config;
        this.autoReleases = autoReleases;
        this.outbound = outbound;
    }

    @GET
    public List<SourceStatus> list() {
        return sources.statuses().stream().map(this::withAutoRelease).toList();
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        return sources.status(id).map(status -> Response.ok(withAutoRelease(status)).build())
                .orElseGet(() -> problem(Response.Status.NOT_FOUND, "no source named " + id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(NewSource request) {
        SourceDefinition definition;
        try {
            if (request == null) {
                throw new IllegalArgumentException("a source needs a JSON body: {id, repository, branch, ...}");
            }
            refuseServerFiles(request);
            definition = new SourceDefinition(request.id(),
                    new GitSource(request.repository() == null ? "" : request.repository(),
                            RefSelector.of(request.branch(), request.tags(), request.semver(), config.branch())),
                    request.pollIntervalSeconds() == null ? config.pollInterval()
                            : Duration.ofSeconds(request.pollIntervalSeconds()),
                    request.paths(), request.webhookSecret(), Boolean.TRUE.equals(request.unsignedWebhooks()),
                    SourceCredentials.ofAny(request.username(), request.password(), request.sshKey(),
                            request.knownHosts(), request.secret()),
                    request.signingKeys() == null ? null : SigningKeys.parse(request.signingKeys()),
                    BranchGlob.ofNullable(request.previewBranches()));
        } catch (IllegalArgumentException e) {
            return problem(Response.Status.BAD_REQUEST, e.getMessage());
        }
        try {
            outbound.check("repository", definition.source().repository());
        } catch (OutboundRefusedException e) {
            return problem(Response.Status.BAD_REQUEST, e.getMessage());
        }
        try {
            return Response.status(Response.Status.CREATED).entity(sources.add(definition)).build();
        } catch (SourceConflictException e) {
            return problem(Response.Status.CONFLICT, e.getMessage());
        }
    }

    /**
     * Keys given through the API are content, never paths: a path would make the service read a file of its own
     * disk (its SSH key, another source's) on a caller's behalf.
     */
    private static void refuseServerFiles(NewSource request) {
        if (request.sshKey() != null || request.knownHosts() != null) {
            throw new IllegalArgumentException("sshKey and knownHosts name files on the server and are taken from"
                    + " configuration only; through the API, give the key in a Secret (secret: namespace/name, with"
                    + " identity and known_hosts)");
        }
        if (request.signingKeys() != null && request.signingKeys().stream()
                .anyMatch(key -> key == null || !key.strip().startsWith(ARMORED_KEY))) {
            throw new IllegalArgumentException("signingKeys through the API are armored OpenPGP public keys ("
                    + ARMORED_KEY + "...), not files on the server");
        }
    }

    @DELETE
    @Path("/{id}")
    public Response remove(@PathParam("id") String id) {
        try {
            return sources.remove(id) ? Response.noContent().build()
                    : problem(Response.Status.NOT_FOUND, "no source named " + id);
        } catch (SourceConflictException e) {
            return problem(Response.Status.CONFLICT, e.getMessage());
        }
    }

    private SourceStatus withAutoRelease(SourceStatus status) {
        return autoReleases.status(status.id()).map(status::withAutoRelease).orElse(status);
    }

    private static Response problem(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
