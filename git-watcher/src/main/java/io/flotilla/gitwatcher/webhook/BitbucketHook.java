package io.flotilla.gitwatcher.webhook;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import org.eclipse.jgit.lib.Constants;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Bitbucket Cloud: {@code X-Event-Key: repo:push}, body signed in {@code X-Hub-Signature: sha256=<hex>}; the
 * branches and tags are in {@code push.changes[].new} (or {@code old} for a deleted one).
 */
final class BitbucketHook implements GitHost {

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
        return Secrets.prefixedHmacSha256Matches(secret, request.body(), request.header("X-Hub-Signature"));
    }

    @Override
    public Push push(JsonNode body) {
        Set<String> urls = new LinkedHashSet<>(GitHost.urls(body, "/repository/links/html/href"));
        String fullName = body.at("/repository/full_name").asText("");
        if (!fullName.isBlank()) {
            urls.add(RepositoryUrl.normalise("https://bitbucket.org/" + fullName));
        }
        List<String> refs = new ArrayList<>();
        JsonNode changes = body.at("/push/changes");
        // A deleted branch or tag has no "new" state.
        boolean deleted = !changes.isEmpty()
                && StreamSupport.stream(changes.spliterator(), false).noneMatch(change -> change.path("new").isObject());
        for (JsonNode change : changes) {
            JsonNode ref = change.path("new").isObject() ? change.path("new") : change.path("old");
            String name = ref.path("name").asText("");
            String type = ref.path("type").asText();
            if (!name.isBlank() && ("branch".equals(type) || "tag".equals(type))) {
                refs.add(("branch".equals(type) ? Constants.R_HEADS : Constants.R_TAGS) + name);
            }
        }
        return new Push(urls, refs, deleted);
    }
}
