package io.flotilla.gitwatcher.webhook;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import org.eclipse.jgit.lib.Constants;

import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.git.RepositoryUrl;

/**
 * Bitbucket Cloud's push body: the repository's web link and full name; the branches and tags in
 * {@code push.changes[].new} (or {@code old} for a deleted one).
 */
final class BitbucketPush implements PushFormat {

    @Override
    public Push read(JsonNode body) {
        Set<String> urls = new LinkedHashSet<>(PushFormat.urls(body, "/repository/links/html/href"));
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
