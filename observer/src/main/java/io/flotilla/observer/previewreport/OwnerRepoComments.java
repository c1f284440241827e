package io.flotilla.observer.previewreport;

import java.util.Map;

import io.flotilla.events.EventCodec;
import io.flotilla.events.PreviewKey;
import io.flotilla.observer.delivery.OutboundRequest;
import io.flotilla.observer.gitstatus.GitStatusSettings;

/**
 * GitHub and Gitea, whose pull requests are issues for comments: {@code POST /repos/{owner}/{repo}/issues/{n}/comments}
 * creates, {@code PATCH /repos/{owner}/{repo}/issues/comments/{id}} edits, {@code {"body": ...}} both.
 */
final class OwnerRepoComments implements CommentApi {

    static final OwnerRepoComments GITHUB = new OwnerRepoComments("Bearer ");
    static final OwnerRepoComments GITEA = new OwnerRepoComments("token ");

    private final String tokenScheme;

    private OwnerRepoComments(String tokenScheme) {
        this.tokenScheme = tokenScheme;
    }

    @Override
    public OutboundRequest create(String destination, GitStatusSettings.Source source, PreviewKey preview,
            String body) {
        return new OutboundRequest(destination, CommentApi.key(preview), CommentApi.described(preview), "POST",
                CommentApi.at(source, "/repos/" + source.project() + "/issues/" + preview.pullRequest() + "/comments"),
                headers(source), json(body));
    }

    @Override
    public OutboundRequest edit(String destination, GitStatusSettings.Source source, PreviewKey preview,
            String commentId, String body) {
        return new OutboundRequest(destination, CommentApi.key(preview), CommentApi.described(preview), "PATCH",
                CommentApi.at(source, "/repos/" + source.project() + "/issues/comments/" + commentId),
                headers(source), json(body));
    }

    private Map<String, String> headers(GitStatusSettings.Source source) {
        return Map.of("Authorization", tokenScheme + source.token(), "Accept", "application/json");
    }

    private static String json(String body) {
        return EventCodec.mapper().createObjectNode().put("body", body).toString();
    }
}
