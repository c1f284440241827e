package io.flotilla.gitwatcher.webhook;

import java.util.List;
import java.util.Set;

import org.eclipse.jgit.lib.Constants;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Any Git host or CI job: the secret in {@code X-Flotilla-Token} or {@code Authorization: Bearer}; an optional
 * body {@code {"repository": "...", "branch": "..."}} (or {@code "tag"} instead of {@code "branch"}) narrows
 * which sources fetch.
 */
final class GenericHook implements GitHost {

    private static final String BEARER = "Bearer ";

    @Override
    public String name() {
        return "generic";
    }

    @Override
    public Event event(HookRequest request) {
        return Event.PUSH;
    }

    @Override
    public boolean verified(HookRequest request, String secret) {
        String token = request.header("X-Flotilla-Token");
        String authorization = request.header("Authorization");
        if (token == null && authorization != null && authorization.startsWith(BEARER)) {
            token = authorization.substring(BEARER.length()).strip();
        }
        return Secrets.tokenMatches(secret, token);
    }

    @Override
    public Push push(JsonNode body) {
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
}
