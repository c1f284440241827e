package io.flotilla.events;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Which preview: a pull request of a watched repository, or a branch previewed without one. Its {@link #id()} is the
 * Kafka key of a preview's request and results, so every push to the branch lands on one partition and the newest is
 * handled last.
 *
 * @param branch      the branch previewed (a pull request's head branch)
 * @param pullRequest the pull (merge) request's number on the Git host; 0 for a branch without one
 */
public record PreviewKey(String repository, String branch, int pullRequest) {

    public PreviewKey {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(branch, "branch");
        if (pullRequest < 0) {
            throw new IllegalArgumentException("pull request number " + pullRequest + " is negative");
        }
    }

    public static PreviewKey ofPullRequest(String repository, String branch, int number) {
        if (number <= 0) {
            throw new IllegalArgumentException("pull request number " + number + " must be positive");
        }
        return new PreviewKey(repository, branch, number);
    }

    public static PreviewKey ofBranch(String repository, String branch) {
        return new PreviewKey(repository, branch, 0);
    }

    @JsonIgnore
    public boolean isPullRequest() {
        return pullRequest > 0;
    }

    /**
     * {@code <repository>#<number>} for a pull request (its number names it whatever its branch), else
     * {@code <repository>@<branch>}.
     */
    public String id() {
        return isPullRequest() ? repository + "#" + pullRequest : repository + "@" + branch;
    }

    @Override
    public String toString() {
        return id();
    }
}
