package io.flotilla.gitwatcher.webhook;

import static io.flotilla.gitwatcher.webhook.GitHost.Event.PING;
import static io.flotilla.gitwatcher.webhook.GitHost.Event.PULL_REQUEST;
import static io.flotilla.gitwatcher.webhook.GitHost.Event.PUSH;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.flotilla.gitwatcher.webhook.GitHost.EventRule;
import io.flotilla.gitwatcher.webhook.GitHost.Signature;

/**
 * Every Git host whose webhooks Flotilla reads, one line each. To support another host, add a line: the header
 * naming its event, the header carrying its signature, where its push body names the repository and refs
 * ({@link PushFormat#refAndUrls} when it is shaped like GitHub's, a {@link PushFormat} of its own otherwise), and
 * where its pull request body names the pull request, its head and base ({@link PullRequestFormat}).
 */
final class GitHosts {

    /**
     * GitHub: {@code X-GitHub-Event} push, pull_request or ping, body signed in {@code X-Hub-Signature-256: sha256=<hex>}, each
     * delivery named by {@code X-GitHub-Delivery}.
     */
    static final GitHost GITHUB = new GitHost("github",
            EventRule.header("X-GitHub-Event", Map.of("push", PUSH, "ping", PING, "pull_request", PULL_REQUEST)),
            Signature.prefixedHmacSha256("X-Hub-Signature-256"),
            PushFormat.refAndUrls("/repository/clone_url", "/repository/ssh_url", "/repository/git_url",
                    "/repository/html_url", "/repository/url"),
            PullRequestFormat.pullRequestEvent("/repository/clone_url", "/repository/ssh_url",
                    "/repository/git_url", "/repository/html_url", "/repository/url"),
            "X-GitHub-Delivery");

    /**
     * GitLab: {@code X-Gitlab-Event: Push Hook} (or {@code Tag Push Hook}, {@code Merge Request Hook}), the secret itself in
     * {@code X-Gitlab-Token}, each delivery named by {@code X-Gitlab-Event-UUID}.
     */
    static final GitHost GITLAB = new GitHost("gitlab",
            EventRule.header("X-Gitlab-Event", Map.of("Push Hook", PUSH, "Tag Push Hook", PUSH,
                    "Merge Request Hook", PULL_REQUEST)),
            Signature.token("X-Gitlab-Token"),
            PushFormat.refAndUrls("/project/git_http_url", "/project/git_ssh_url", "/project/web_url",
                    "/repository/git_http_url", "/repository/git_ssh_url", "/repository/homepage"),
            PullRequestFormat.gitlabMergeRequest("/project/git_http_url", "/project/git_ssh_url",
                    "/project/web_url", "/repository/git_http_url", "/repository/git_ssh_url",
                    "/repository/homepage"),
            "X-Gitlab-Event-UUID");

    /**
     * Gitea (and Forgejo): {@code X-Gitea-Event: push} or {@code pull_request}, body signed in {@code X-Gitea-Signature: <hex>}, each
     * delivery named by {@code X-Gitea-Delivery}.
     */
    static final GitHost GITEA = new GitHost("gitea",
            EventRule.header("X-Gitea-Event", Map.of("push", PUSH, "pull_request", PULL_REQUEST)),
            Signature.hmacSha256("X-Gitea-Signature"),
            PushFormat.refAndUrls("/repository/clone_url", "/repository/ssh_url", "/repository/html_url"),
            PullRequestFormat.pullRequestEvent("/repository/clone_url", "/repository/ssh_url",
                    "/repository/html_url"),
            "X-Gitea-Delivery");

    /**
     * Bitbucket Cloud: {@code X-Event-Key: repo:push} or {@code pullrequest:*}, body signed in {@code X-Hub-Signature: sha256=<hex>}, each
     * delivery named by {@code X-Request-UUID}.
     */
    static final GitHost BITBUCKET = new GitHost("bitbucket",
            EventRule.header("X-Event-Key", Map.of("repo:push", PUSH, "pullrequest:created", PULL_REQUEST,
                    "pullrequest:updated", PULL_REQUEST, "pullrequest:fulfilled", PULL_REQUEST,
                    "pullrequest:rejected", PULL_REQUEST)),
            Signature.prefixedHmacSha256("X-Hub-Signature"),
            new BitbucketPush(),
            PullRequestFormat.bitbucketPullRequest(),
            "X-Request-UUID");

    /**
     * Any Git host or CI job: every delivery is a push, the secret in {@code X-Flotilla-Token} or a bearer token; a
     * sender that names its deliveries does so in {@code X-Flotilla-Delivery}.
     */
    static final GitHost GENERIC = new GitHost("generic",
            request -> PUSH,
            Signature.tokenOrBearer("X-Flotilla-Token"),
            new GenericPush(),
            PullRequestFormat.NONE,
            "X-Flotilla-Delivery");

    private static final Map<String, GitHost> BY_NAME = List.of(GITHUB, GITLAB, GITEA, BITBUCKET, GENERIC).stream()
            .collect(Collectors.toMap(GitHost::name, Function.identity()));

    private GitHosts() {
    }

    /** The host whose deliveries {@code /hooks/<name>} receives. */
    static Optional<GitHost> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    static List<String> names() {
        return BY_NAME.keySet().stream().sorted().toList();
    }
}
