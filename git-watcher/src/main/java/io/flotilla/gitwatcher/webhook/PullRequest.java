package io.flotilla.gitwatcher.webhook;

import java.util.Set;

import io.flotilla.git.RepositoryUrl;

/**
 * What a pull (merge) request delivery says: which repository, which pull request, and whether it asks for a preview
 * of its head or closes it.
 *
 * @param repositories the repository's URLs, normalised
 * @param headSha      the head commit the host names (Bitbucket names it by its first 12 characters)
 * @param headRef      the ref the host keeps the head under, to fetch: {@code refs/pull/7/head} (GitHub, Gitea),
 *                     {@code refs/merge-requests/7/head} (GitLab), else the head branch
 */
public record PullRequest(Set<String> repositories, int number, State state, String action, String headSha,
        String headBranch, String baseBranch, String headRef, String title, String author) {

    /** What the delivery asks of the preview. */
    public enum State {
        /** Opened, pushed to, reopened or edited: preview its head. */
        OPEN,
        /** Closed or merged: the preview is dropped. */
        CLOSED,
        /** Anything else (labelled, assigned, reviewed): nothing to preview. */
        OTHER
    }

    boolean concernsRepository(String repository) {
        return repositories.contains(RepositoryUrl.normalise(repository));
    }
}
