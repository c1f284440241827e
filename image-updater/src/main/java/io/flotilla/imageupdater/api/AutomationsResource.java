package io.flotilla.imageupdater.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.flotilla.imageupdater.automation.AutomationView;
import io.flotilla.imageupdater.automation.FollowedImages;

/**
 * {@code GET /api/automations}: each automated release container and ImagePolicy of each branch's last commit,
 * with its image, policy, values, newest eligible tag, last scan, last {@code ImageTagFound} and errors; and each
 * declaration refused, with its error; and each branch whose last commit cannot be read, with the reason.
 */
@Path("/api/automations")
public class AutomationsResource {

    private final FollowedImages images;

    @Inject
    AutomationsResource(FollowedImages images) {
        this.images = images;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<AutomationView> list() {
        return images.view();
    }
}
