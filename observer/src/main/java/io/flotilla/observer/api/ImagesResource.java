package io.flotilla.observer.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.flotilla.observer.image.ImageChoiceView;
import io.flotilla.observer.image.ImageChoices;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /api/images}: every image and policy with the tag it last chose, the files and releases its edits touch
 * and its {@code Auto-release} commit; by repository and policy. (Scans and their errors are the image-updater's
 * {@code GET /api/automations}.)
 */
@Path("/api/images")
@Produces(MediaType.APPLICATION_JSON)
public class ImagesResource {

    private final ImageChoices images;

    public ImagesResource(ImageChoices images) {
        this.images = images;
    }

    @GET
    public Uni<List<ImageChoiceView>> list() {
        return images.all();
    }
}
