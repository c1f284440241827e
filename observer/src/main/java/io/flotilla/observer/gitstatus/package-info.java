/**
 * Commit statuses: each commit's outcome on each cluster, worked out from its journey ({@code commit} package) and
 * posted to the Git host it came from (GitHub, GitLab, Gitea, Bitbucket Cloud), one status per cluster, linking the
 * dashboard's journey page. Sent through {@code delivery}, so a host that is down holds up nothing else.
 */
package io.flotilla.observer.gitstatus;
