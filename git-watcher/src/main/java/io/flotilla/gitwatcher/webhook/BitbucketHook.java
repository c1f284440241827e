package io.flotilla.gitwatcher.webhook;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jgit.lib.Constants;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Bitbucket Cloud: {@code X-Event-Key: repo:push}, body signed in {@code X-Hub-Signature: sha256=<hex>}; the
 * branches and tags are in {@code push.changes[].new} (or {@code old} for a deleted one).
 */
final class BitbucketHook implements GitHost {

    private static final String PREFIX = "sha256=";

    @Override
    public String name() {
        return "bitbucket";
    }

    @Override
    public Event event(HookRequest request) {
        return "repo:push".equals(request.header("X-Event-Key")) ? Event.PUSH : Event.OTHER;
    }

    @Override
    public boolean verified(HookRequest request, String secret) {
        String signature = request.header("X-Hub-Signature");
        return signature != null && signature.startsWith(PREFIX)
                && Secrets.hmacSha256Matches(secret, request.body(), signature.substring(PREFIX.length()));
    }

    @Override
    public Push push(JsonNode body) {
        Set<String> urls = new LinkedHashSet<>(GitHost.urls(body, "/repository/links/html/href"));
        String fullName = body.at("/repository/full_name").asText("");
        if (!fullName.isBlank()) {
            urls.add(RepositoryUrl.normalise("https://bitbucket.org/" + fullName));
        }
        List<String> refs = new ArrayList<>();
        for (JsonNode change : body.at("/push/changes")) {
            JsonNode ref = change.path("new").isObject() ? change.path("new") : change.path("old");
            String name = ref.path("name").asText("");
            String type = ref.path("type").asText();
            if (!name.isBlank() && ("branch".equals(type) || "tag".equals(type))) {
                refs.add(("branch".equals(type) ? Constants.R_HEADS : Constants.R_TAGS) + name);
            }
        }
        return new Push(urls, refs);
    }
}
