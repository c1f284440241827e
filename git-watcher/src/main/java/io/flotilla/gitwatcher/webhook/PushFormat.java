package io.flotilla.gitwatcher.webhook;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.jgit.lib.Constants;

import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.git.RepositoryUrl;

/** Where a Git host's push body names the repository, the refs pushed and whether they were deleted. */
@FunctionalInterface
interface PushFormat {

    /** What was pushed, read from a JSON body. */
    Push read(JsonNode body);

    /** What a delivery without a body says, for a host that allows one. */
    default Optional<Push> withoutBody() {
        return Optional.empty();
    }

    /**
     * The body GitHub, GitLab and Gitea send: the full ref in {@code ref}, the repository's URLs at
     * {@code urlPointers} (JSON pointers), a deleted ref's {@code after} all zeros (GitHub also says
     * {@code deleted}).
     */
    static PushFormat refAndUrls(String... urlPointers) {
        return body -> new Push(urls(body, urlPointers), refOf(body.path("ref")),
                body.path("deleted").asBoolean(false) || isZeroSha(body.path("after")));
    }

    /** The branch or tag ref a push names ({@code refs/heads/main}, {@code refs/tags/v1.4.0}); none for others. */
    private static List<String> refOf(JsonNode ref) {
        String text = ref.asText("");
        return text.startsWith(Constants.R_HEADS) || text.startsWith(Constants.R_TAGS) ? List.of(text) : List.of();
    }

    private static boolean isZeroSha(JsonNode sha) {
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
