package io.flotilla.observer.gitstatus;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.flotilla.observer.delivery.RetrySettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code flotilla.git-status.*}: which Git hosts hear of commits' outcomes, and how. */
@ConfigMapping(prefix = "flotilla.git-status")
public interface GitStatusSettings {

    /**
     * Each status is named {@code <prefix>/<cluster>}, or {@code <prefix>/<rollout>/<wave>} per wave (GitHub's and
     * Gitea's context, GitLab's name, Bitbucket's key).
     */
    @WithDefault("flotilla")
    String contextPrefix();

    /**
     * {@code cluster}: one status per cluster; {@code wave}: one per wave of a rollout declared in the targeting file,
     * covering the wave's clusters (releases outside any rollout keep one per cluster).
     */
    @WithDefault("cluster")
    StatusScope.Per per();

    /**
     * A status claimed this long ago whose sending has not finished (delivered, or given up after its tries) is sent
     * again: the observer instance that claimed it stopped before, or its host has been down that long.
     */
    @WithDefault("2m")
    Duration resendAfter();

    /** How long a commit's events are gathered before its statuses are worked out again. */
    @WithDefault("1s")
    Duration settle();

    /** The Git hosts to report to, by a name of the user's choosing; none by default. */
    Map<String, Source> sources();

    RetrySettings retry();

    /** One repository on one Git host. */
    interface Source {

        /**
         * The repository exactly as git-watcher is given it ({@code flotilla.git.repository} or
         * {@code flotilla.git.sources."<name>".repository}): its commits carry it.
         */
        String repository();

        HostKind kind();

        /**
         * The host's API: {@code https://api.github.com}, {@code https://gitlab.example.com/api/v4},
         * {@code https://gitea.example.com/api/v1}, {@code https://api.bitbucket.org/2.0}.
         */
        URI apiUrl();

        /** {@code owner/repo} on GitHub and Gitea, the project id or path on GitLab, {@code workspace/repo} on Bitbucket. */
        String project();

        /** Sent with every request, never shown. */
        String token();
    }
}
