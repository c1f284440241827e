package io.flotilla.gitwatcher.webhook;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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

    /** The branch of a ref such as {@code refs/heads/main}; tags and other refs give none. */
    static List<String> branchOf(JsonNode ref) {
        String text = ref.asText("");
        return text.startsWith("refs/heads/") ? List.of(text.substring("refs/heads/".length())) : List.of();
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
