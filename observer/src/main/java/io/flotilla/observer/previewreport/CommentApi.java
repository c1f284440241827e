package io.flotilla.observer.previewreport;

import java.net.URI;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.events.EventCodec;
import io.flotilla.events.PreviewKey;
import io.flotilla.observer.delivery.OutboundRequest;
import io.flotilla.observer.gitstatus.GitStatusSettings;
import io.flotilla.observer.gitstatus.HostKind;

/** How one kind of Git host is asked to create a pull request's comment, then to edit it. */
interface CommentApi {

    /** @param destination {@code git-status/<the source's name in the configuration>} */
    OutboundRequest create(String destination, GitStatusSettings.Source source, PreviewKey preview, String body);

    OutboundRequest edit(String destination, GitStatusSettings.Source source, PreviewKey preview, String commentId,
            String body);

    static CommentApi of(HostKind kind) {
        return switch (kind) {
            case GITHUB -> OwnerRepoComments.GITHUB;
            case GITEA -> OwnerRepoComments.GITEA;
            case GITLAB -> new GitLabNotes();
            case BITBUCKET -> new BitbucketComments();
        };
    }

    /** The id the host gave the comment it created: {@code id} in its answer, on every host; null when none. */
    static String idIn(String answer) {
        if (answer == null || answer.isBlank()) {
            return null;
        }
        try {
            JsonNode id = EventCodec.mapper().readTree(answer).path("id");
            return id.isNumber() || id.isTextual() ? id.asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** {@code https://host/api} + {@code /path}, with no doubled slash. */
    static URI at(GitStatusSettings.Source source, String path) {
        String base = source.apiUrl().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    /** One key per preview: a newer edit replaces one not yet sent. */
    static String key(PreviewKey preview) {
        return "comment/" + preview.id();
    }

    /** {@code preview comment on fleet#7}, for logs and the API. */
    static String described(PreviewKey preview) {
        return "preview comment on " + preview.id();
    }
}
