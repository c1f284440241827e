package io.flotilla.gitwatcher.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/** GitLab: {@code X-Gitlab-Event: Push Hook} (or {@code Tag Push Hook}), the secret itself in {@code X-Gitlab-Token}. */
final class GitLabHook implements GitHost {

    @Override
    public String name() {
        return "gitlab";
    }

    @Override
    public Event event(HookRequest request) {
        String event = request.header("X-Gitlab-Event");
        return "Push Hook".equals(event) || "Tag Push Hook".equals(event) ? Event.PUSH : Event.OTHER;
    }

    @Override
    public boolean verified(HookRequest request, String secret) {
        return Secrets.tokenMatches(secret, request.header("X-Gitlab-Token"));
    }

    @Override
    public Push push(JsonNode body) {
        return new Push(GitHost.urls(body, "/project/git_http_url", "/project/git_ssh_url", "/project/web_url",
                "/repository/git_http_url", "/repository/git_ssh_url", "/repository/homepage"),
                GitHost.refOf(body.path("ref")), GitHost.isZeroSha(body.path("after")));
    }
}
