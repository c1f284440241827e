package io.flotilla.gitwatcher.webhook;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.eclipse.jgit.lib.Constants;

import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.git.RepositoryUrl;
import io.flotilla.gitwatcher.webhook.PullRequest.State;

/** Where a Git host's pull (merge) request body names the repository, the pull request, its head and its base. */
@FunctionalInterface
interface PullRequestFormat {

    /** What the delivery says; {@code request} for a host that names the action in a header. */
    PullRequest read(HookRequest request, JsonNode body);

    /** Hosts that send no pull request deliveries. */
    PullRequestFormat NONE = (request, body) -> {
        throw new IllegalArgumentException("this host sends no pull request deliveries");
    };

    /**
     * GitHub's and Gitea's {@code pull_request} body: {@code action}, {@code number}, {@code pull_request.head} and
     * {@code .base} ({@code ref}, {@code sha}), the repository's URLs at {@code urlPointers}. The head is kept under
     * {@code refs/pull/<number>/head}.
     */
    static PullRequestFormat pullRequestEvent(String... urlPointers) {
        Map<String, State> actions = Map.of("opened", State.OPEN, "synchronize", State.OPEN,
                "synchronized", State.OPEN, "reopened", State.OPEN, "edited", State.OPEN, "closed", State.CLOSED);
        return (request, body) -> {
            JsonNode pull = body.path("pull_request");
            int number = number(body.path("number").asInt(pull.path("number").asInt(0)));
            String action = body.path("action").asText("");
            return new PullRequest(PushFormat.urls(body, urlPointers), number, actions.getOrDefault(action, State.OTHER),
                    action, required(pull.at("/head/sha"), "pull_request.head.sha"),
                    required(pull.at("/head/ref"), "pull_request.head.ref"),
                    required(pull.at("/base/ref"), "pull_request.base.ref"), "refs/pull/" + number + "/head",
                    pull.path("title").asText(null), pull.at("/user/login").asText(null));
        };
    }

    /**
     * GitLab's {@code Merge Request Hook}: {@code object_attributes} ({@code iid}, {@code action}, {@code
     * source_branch}, {@code target_branch}, {@code last_commit.id}); the head is kept under
     * {@code refs/merge-requests/<iid>/head}.
     */
    static PullRequestFormat gitlabMergeRequest(String... urlPointers) {
        Map<String, State> actions = Map.of("open", State.OPEN, "update", State.OPEN, "reopen", State.OPEN,
                "close", State.CLOSED, "merge", State.CLOSED);
        return (request, body) -> {
            JsonNode attributes = body.path("object_attributes");
            int number = number(attributes.path("iid").asInt(0));
            String action = attributes.path("action").asText("");
            return new PullRequest(PushFormat.urls(body, urlPointers), number,
                    actions.getOrDefault(action, State.OTHER), action,
                    required(attributes.at("/last_commit/id"), "object_attributes.last_commit.id"),
                    required(attributes.path("source_branch"), "object_attributes.source_branch"),
                    required(attributes.path("target_branch"), "object_attributes.target_branch"),
                    "refs/merge-requests/" + number + "/head", attributes.path("title").asText(null),
                    body.at("/user/username").asText(null));
        };
    }

    /**
     * Bitbucket Cloud's {@code pullrequest:*} bodies, the action in {@code X-Event-Key}: {@code pullrequest.id},
     * {@code .source} ({@code branch.name}, {@code commit.hash}, 12 characters) and {@code .destination}. Bitbucket
     * keeps no ref of a pull request's head: its head branch is fetched.
     */
    static PullRequestFormat bitbucketPullRequest() {
        Map<String, State> actions = Map.of("pullrequest:created", State.OPEN, "pullrequest:updated", State.OPEN,
                "pullrequest:fulfilled", State.CLOSED, "pullrequest:rejected", State.CLOSED);
        return (request, body) -> {
            Set<String> urls = new LinkedHashSet<>(PushFormat.urls(body, "/repository/links/html/href"));
            String fullName = body.at("/repository/full_name").asText("");
            if (!fullName.isBlank()) {
                urls.add(RepositoryUrl.normalise("https://bitbucket.org/" + fullName));
            }
            JsonNode pull = body.path("pullrequest");
            String action = String.valueOf(request.header("X-Event-Key"));
            String head = required(pull.at("/source/branch/name"), "pullrequest.source.branch.name");
            return new PullRequest(urls, number(pull.path("id").asInt(0)), actions.getOrDefault(action, State.OTHER),
                    action, required(pull.at("/source/commit/hash"), "pullrequest.source.commit.hash"), head,
                    required(pull.at("/destination/branch/name"), "pullrequest.destination.branch.name"),
                    Constants.R_HEADS + head, pull.path("title").asText(null),
                    pull.at("/author/display_name").asText(null));
        };
    }

    private static int number(int number) {
        if (number <= 0) {
            throw new IllegalArgumentException("the pull request's number is missing");
        }
        return number;
    }

    private static String required(JsonNode value, String field) {
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value.asText();
    }
}
