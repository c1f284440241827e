package io.flotilla.gitwatcher.webhook;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.jgit.lib.Constants;

import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.git.RepositoryUrl;

/**
 * The generic hook's body, for any Git host or CI job: none at all (any source may have changed), or
 * {@code {"repository": "...", "branch": "..."}} (or {@code "tag"} instead of {@code "branch"}) to narrow which
 * sources fetch.
 */
final class GenericPush implements PushFormat {

    @Override
    public Push read(JsonNode body) {
        String repository = body.path("repository").asText("");
        String branch = body.path("branch").asText("");
        String tag = body.path("tag").asText("");
        if (repository.isBlank()) {
            return Push.ANYTHING;
        }
        List<String> refs = !branch.isBlank() ? List.of(Constants.R_HEADS + branch)
                : !tag.isBlank() ? List.of(Constants.R_TAGS + tag) : List.of();
        // A repository without a branch or tag: every watched source of it.
        return new Push(Set.of(RepositoryUrl.normalise(repository)), refs, false, refs.isEmpty(), false);
    }

    @Override
    public Optional<Push> withoutBody() {
        return Optional.of(Push.ANYTHING);
    }
}
