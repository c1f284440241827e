package io.flotilla.observer.preview;

import java.time.Instant;

/**
 * A preview as {@code GET /api/previews} lists it: which repository and pull request (or branch), the commit, its
 * state, and how many releases change, are refused, break their tenant's rules or do not render.
 *
 * @param preview     {@code <repository>#<number>}, or {@code <repository>@<branch>} for a branch without one
 * @param pullRequest 0 for a branch previewed without a pull request
 * @param summary     the state in a few words, as the comment's first line says it
 * @param passes      complete, with nothing refused, breaking rules, failing to render or unchecked
 */
public record PreviewView(String id, String preview, String repository, String branch, int pullRequest, String sha,
        String baseBranch, String title, String author, Instant requestedAt, PreviewState state, String summary,
        int releasesChanged, int unchanged, int refused, int violating, int renderErrors, int checkErrors,
        boolean passes) {

    public static PreviewView of(Preview preview) {
        return new PreviewView(preview.id(), preview.key().id(), preview.key().repository(), preview.key().branch(),
                preview.key().pullRequest(), preview.sha(), preview.baseBranch(), preview.title(), preview.author(),
                preview.requestedAt(), preview.state(), preview.summary(), preview.releasesChanged(),
                preview.unchanged(), preview.refused(), preview.violating(), preview.renderErrors(),
                preview.checkErrors(), preview.passes());
    }
}
