package io.flotilla.events;

import java.util.List;

/**
 * What a preview's commit changes, as the renderer found it: every release whose rendering differs from the one
 * running (added, changed, removed, or failing to render, with the file, object and reason), one
 * {@link PreviewRendered} sent to the applier for each that rendered, and how many releases stay as they are. The
 * preview is complete when a {@link PreviewChecked} has come for each planned release that rendered.
 *
 * @param unchanged how many targeted releases render exactly as they run now (not checked further)
 * @param error     the commit could not be rendered at all (unreadable tree, fetch refused); null otherwise
 */
public record PreviewPlanned(PreviewKey preview, String sha, List<PlannedRelease> releases, int unchanged,
        String error) implements Event {

    public PreviewPlanned {
        releases = releases == null ? List.of() : List.copyOf(releases);
    }

    /** What the branch does to a release compared with what runs. */
    public enum Change {
        ADDED, CHANGED, REMOVED
    }

    /**
     * @param error why the release does not render at this commit (file, object, reason); null when it renders
     */
    public record PlannedRelease(ReleaseKey release, Change change, String sourceFile, String error) {
    }

    @Override
    public String key() {
        return preview.id();
    }
}
