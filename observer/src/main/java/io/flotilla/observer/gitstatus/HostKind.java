package io.flotilla.observer.gitstatus;

/** The Git hosts commit statuses are posted to, each with its own API ({@code kind} in the configuration). */
public enum HostKind {
    GITHUB(OwnerRepoStatuses.GITHUB),
    GITLAB(new GitLabStatuses()),
    GITEA(OwnerRepoStatuses.GITEA),
    BITBUCKET(new BitbucketStatuses());

    private final StatusApi api;

    HostKind(StatusApi api) {
        this.api = api;
    }

    StatusApi api() {
        return api;
    }
}
