package io.flotilla.gitwatcher.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/** Gitea (and Forgejo): {@code X-Gitea-Event: push}, body signed in {@code X-Gitea-Signature: <hex>}. */
final class GiteaHook implements GitHost {

    @Override
    public String name() {
        return "gitea";
    }

    @Override
    public Event event(HookRequest request) {
        return "push".equals(request.header("X-Gitea-Event")) ? Event.PUSH : Event.OTHER;
    }

    @Override
    public boolean verified(HookRequest request, String secret) {
        return Secrets.hmacSha256Matches(secret, request.body(), request.header("X-Gitea-Signature"));
    }

    @Override
    public Push push(JsonNode body) {
        return new Push(GitHost.urls(body, "/repository/clone_url", "/repository/ssh_url", "/repository/html_url"),
                GitHost.refOf(body.path("ref")), GitHost.isZeroSha(body.path("after")));
    }
}
