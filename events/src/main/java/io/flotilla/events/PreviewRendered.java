package io.flotilla.events;

/**
 * One release of a preview rendered for one cluster, for the applier to compare with what runs there and never
 * apply. {@code rendering} is what the renderer would publish on the rendered topic for the preview's commit (its
 * objects, its error, or {@code removed} for a release the branch takes away), Secret data sealed as there.
 */
public record PreviewRendered(PreviewKey preview, String sha, ReleaseRendered rendering) implements Event {

    @Override
    public String key() {
        return preview.id() + "/" + rendering.release();
    }
}
