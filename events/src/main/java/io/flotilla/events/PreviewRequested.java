package io.flotilla.events;

import java.time.Instant;

/**
 * A branch or pull request of a watched repository to preview: its commit rendered for every cluster it targets and
 * compared with what runs there, never applied. Each push to the branch asks again with its new {@code sha}; the
 * newest replaces what an older one found. {@code closed} says the pull request was closed or the branch deleted:
 * the preview is dropped and nothing is rendered.
 *
 * @param baseBranch the branch the pull request would merge into (what runs is rendered from it)
 * @param title      the pull request's title, or the commit's message for a branch without one
 */
public record PreviewRequested(
        PreviewKey preview,
        String sha,
        String baseBranch,
        String title,
        String author,
        Instant requestedAt,
        boolean closed) implements Event {

    @Override
    public String key() {
        return preview.id();
    }
}
