package io.flotilla.observer.gitstatus;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flotilla.observer.delivery.OutboundRequest;

/** Gitea (and Forgejo): {@code POST /repos/{owner}/{repo}/statuses/{sha}} with {@code Authorization: token ...}. */
final class GiteaStatuses implements StatusApi {

    @Override
    public OutboundRequest request(String destination, GitStatusSettings.Source source, CommitStatus status) {
        ObjectNode body = StatusApi.json()
                .put("state", status.state().name().toLowerCase(Locale.ROOT))
                .put("target_url", status.targetUrl())
                .put("description", status.description(255))
                .put("context", status.context());
        return new OutboundRequest(destination, StatusApi.key(status), StatusApi.described(status),
                StatusApi.at(source, "/repos/" + source.project() + "/statuses/" + status.sha()),
                Map.of("Authorization", "token " + source.token()), body.toString());
    }
}
