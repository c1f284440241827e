package io.flotilla.observer.previewreport;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flotilla.events.EventCodec;
import io.flotilla.events.PreviewKey;
import io.flotilla.observer.delivery.OutboundRequest;
import io.flotilla.observer.gitstatus.GitStatusSettings;

/**
 * Bitbucket Cloud: {@code POST /repositories/{workspace}/{repo}/pullrequests/{id}/comments} creates,
 * {@code PUT /repositories/{workspace}/{repo}/pullrequests/{id}/comments/{comment_id}} edits, the Markdown in
 * {@code {"content": {"raw": ...}}}, with a bearer token.
 */
final class BitbucketComments implements CommentApi {

    @Override
    public OutboundRequest create(String destination, GitStatusSettings.Source source, PreviewKey preview,
            String body) {
        return new OutboundRequest(destination, CommentApi.key(preview), CommentApi.described(preview), "POST",
                CommentApi.at(source, comments(source, preview)), headers(source), json(body));
    }

    @Override
    public OutboundRequest edit(String destination, GitStatusSettings.Source source, PreviewKey preview,
            String commentId, String body) {
        return new OutboundRequest(destination, CommentApi.key(preview), CommentApi.described(preview), "PUT",
                CommentApi.at(source, comments(source, preview) + "/" + commentId), headers(source), json(body));
    }

    private static String comments(GitStatusSettings.Source source, PreviewKey preview) {
        return "/repositories/" + source.project() + "/pullrequests/" + preview.pullRequest() + "/comments";
    }

    private static Map<String, String> headers(GitStatusSettings.Source source) {
        return Map.of("Authorization", "Bearer " + source.token());
    }

    private static String json(String body) {
        ObjectNode json = EventCodec.mapper().createObjectNode();
        json.putObject("content").put("raw", body);
        return json.toString();
    }
}
