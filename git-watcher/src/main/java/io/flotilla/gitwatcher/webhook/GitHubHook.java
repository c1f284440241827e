package io.flotilla.gitwatcher.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/** GitHub: {@code X-GitHub-Event} push or ping, body signed in {@code X-Hub-Signature-256: sha256=<hex>}. */
final class GitHubHook implements GitHost {

    @Override
    public String name() {
        return "github";
    }

    @Override
    public Event event(HookRequest request) {
        String event = request.header("X-GitHub-Event");
        return "push".equals(event) ? Event.PUSH : "ping".equals(event) ? Event.PING : Event.OTHER;
    }

    @Override
    public boolean verified(HookRequest request, String secret) {
        return Secrets.prefixedHmacSha256Matches(secret, request.body(), request.header("X-Hub-Signature-256"));
    }

    @Override
    public Push push(JsonNode body) {
        return new Push(GitHost.urls(body, "/repository/clone_url", "/repository/ssh_url", "/repository/git_url",
                "/repository/html_url", "/repository/url"), GitHost.refOf(body.path("ref")),
                body.path("deleted").asBoolean(false) || GitHost.isZeroSha(body.path("after")));
    }
}
