package io.flotilla.gitwatcher.webhook;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jgit.lib.Constants;

import com.fasterxml.jackson.databind.JsonNode;

/** How one Git host delivers a push: which event it is, how it is signed, where the repository and branch are. */
interface GitHost {

    enum Event {
        PUSH, PING, OTHER
    }

    /** The name in the webhook's path, {@code /hooks/<name>}. */
    String name();

    Event event(HookRequest request);

    /** Whether the delivery carries the proof that it was sent with {@code secret}. */
    boolean verified(HookRequest request, String secret);

    /** What was pushed, read from a JSON body. */
    Push push(JsonNode body);

    /** The branch or tag ref a push names, such as {@code refs/heads/main} or {@code refs/tags/v1.4.0}; none for others. */
    static List<String> refOf(JsonNode ref) {
        String text = ref.asText("");
        return text.startsWith(Constants.R_HEADS) || text.startsWith(Constants.R_TAGS) ? List.of(text) : List.of();
    }

    /** Whether {@code sha} is all zeros: what GitHub, GitLab and Gitea send as {@code after} for a deleted ref. */
    static boolean isZeroSha(JsonNode sha) {
        return sha.asText("").matches("0{40}|0{64}");
    }

    /** The normalised URLs found at the given JSON pointers. */
    static Set<String> urls(JsonNode body, String... pointers) {
        Set<String> urls = new LinkedHashSet<>();
        for (String pointer : pointers) {
            JsonNode value = body.at(pointer);
            if (value.isTextual() && !value.asText().isBlank()) {
                urls.add(RepositoryUrl.normalise(value.asText()));
            }
        }
        return urls;
    }
}
