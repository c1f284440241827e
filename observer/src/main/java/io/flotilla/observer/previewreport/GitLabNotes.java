package io.flotilla.observer.previewreport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.flotilla.events.EventCodec;
import io.flotilla.events.PreviewKey;
import io.flotilla.observer.delivery.OutboundRequest;
import io.flotilla.observer.gitstatus.GitStatusSettings;

/**
 * GitLab, whose merge requests take notes: {@code POST /projects/{id}/merge_requests/{iid}/notes} creates,
 * {@code PUT /projects/{id}/merge_requests/{iid}/notes/{note_id}} edits, {@code {"body": ...}} both, with a
 * {@code PRIVATE-TOKEN}; the project's id or its path, encoded.
 */
final class GitLabNotes implements CommentApi {

    @Override
    public OutboundRequest create(String destination, GitStatusSettings.Source source, PreviewKey preview,
            String body) {
        return new OutboundRequest(destination, CommentApi.key(preview), CommentApi.described(preview), "POST",
                CommentApi.at(source, notes(source, preview)), Map.of("PRIVATE-TOKEN", source.token()), json(body));
    }

    @Override
    public OutboundRequest edit(String destination, GitStatusSettings.Source source, PreviewKey preview,
            String commentId, String body) {
        return new OutboundRequest(destination, CommentApi.key(preview), CommentApi.described(preview), "PUT",
                CommentApi.at(source, notes(source, preview) + "/" + commentId), Map.of("PRIVATE-TOKEN", source.token()),
                json(body));
    }

    private static String notes(GitStatusSettings.Source source, PreviewKey preview) {
        return "/projects/" + URLEncoder.encode(source.project(), StandardCharsets.UTF_8) + "/merge_requests/"
                + preview.pullRequest() + "/notes";
    }

    private static String json(String body) {
        return EventCodec.mapper().createObjectNode().put("body", body).toString();
    }
}
