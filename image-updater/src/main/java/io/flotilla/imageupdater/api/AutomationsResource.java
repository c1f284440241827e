package io.flotilla.imageupdater.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.flotilla.imageupdater.automation.AutomationView;
import io.flotilla.imageupdater.automation.FollowedImages;
import io.flotilla.imageupdater.share.ScanShare;

/**
 * {@code GET /api/automations}: each automated release container and ImagePolicy of each branch's last commit,
 * with its image, policy, values, newest eligible tag, last scan, last {@code ImageTagFound} and errors; and each
 * declaration refused, with its error; and each branch whose last commit cannot be read, with the reason. Every
 * instance shows every automation (each reads every commit); {@code scannedHere} says whether the instance answering
 * scans the image's repository, the scan's results being known there only.
 */
@Path("/api/automations")
public class AutomationsResource {

    private final FollowedImages images;
    private final ScanShare share;

    @Inject
    AutomationsResource(FollowedImages images, ScanShare share) {
        this.images = images;
        this.share = share;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<AutomationView> list() {
        return images.view().stream().map(view -> view.seenBy(share::owns)).toList();
    }
}
