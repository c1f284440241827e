package io.flotilla.imageupdater.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.flotilla.imageupdater.automation.ScanLoop;
import io.flotilla.imageupdater.webhook.HookSecret;
import io.flotilla.imageupdater.webhook.RegistryPayloads;
import io.flotilla.imageupdater.webhook.RegistryPush;

/**
 * {@code POST /hooks/registry}: a registry tells of a push (the distribution registry's notifications, Docker Hub,
 * Harbor, GHCR through GitHub's package events); each followed repository it names is scanned at once. With
 * {@code flotilla.images.webhook-secret} set, a delivery that does not prove it knows the secret is refused (401).
 * Answers 202 with the pushes read, the repositories this instance scans at once ({@code scanning}) and those it
 * passed on to the instance that scans them ({@code passedOn}), 400 for a body that is no push payload.
 */
@Path("/hooks/registry")
public class RegistryHooksResource {

    private static final Logger LOG = Logger.getLogger(RegistryHooksResource.class);

    private final ScanLoop scans;
    private final Optional<HookSecret> secret;

    @Inject
    RegistryHooksResource(ScanLoop scans,
            @ConfigProperty(name = "flotilla.images.webhook-secret") Optional<String> secret) {
        this.scans = scans;
        this.secret = secret.filter(text -> !text.isBlank()).map(HookSecret::new);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(byte[] body, @HeaderParam("Authorization") String authorization,
            @QueryParam("token") String token, @HeaderParam("X-Hub-Signature-256") String signature) {
        if (secret.isPresent() && !secret.get().accepts(authorization, token, signature, body)) {
            return Response.status(Response.Status.UNAUTHORIZED).entity(Map.of("error",
                    "the delivery carries no valid token or signature (flotilla.images.webhook-secret)")).build();
        }
        List<RegistryPush> pushes;
        try {
            pushes = RegistryPayloads.read(body);
        } catch (IllegalArgumentException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", e.getMessage())).build();
        }
        List<String> scanning = new ArrayList<>();
        List<String> passedOn = new ArrayList<>();
        for (RegistryPush push : pushes) {
            ScanLoop.Pushed pushed = scans.pushed(push.registry(), push.repository());
            pushed.scanning().forEach(key -> scanning.add(key.toString()));
            pushed.passedOn().forEach(key -> passedOn.add(key.toString()));
        }
        if (scanning.isEmpty() && passedOn.isEmpty()) {
            LOG.debugf("registry webhook: %d push(es), none of a repository followed", pushes.size());
        } else {
            LOG.infof("registry webhook: %s pushed, scanning %s, passed on to the instance scanning %s", pushes,
                    scanning, passedOn);
        }
        return Response.accepted(Map.of("pushes", pushes, "scanning", scanning, "passedOn", passedOn)).build();
    }
}
