package io.flotilla.observer.gitstatus;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flotilla.observer.delivery.OutboundRequest;

/** GitHub: {@code POST /repos/{owner}/{repo}/statuses/{sha}} with a bearer token; descriptions up to 140 characters. */
final class GitHubStatuses implements StatusApi {

    @Override
    public OutboundRequest request(String destination, GitStatusSettings.Source source, CommitStatus status) {
        ObjectNode body = StatusApi.json()
                .put("state", status.state().name().toLowerCase(Locale.ROOT))
                .put("target_url", status.targetUrl())
                .put("description", status.description(140))
                .put("context", status.context());
        return new OutboundRequest(destination, StatusApi.key(status), StatusApi.described(status),
                StatusApi.at(source, "/repos/" + source.project() + "/statuses/" + status.sha()),
                Map.of("Authorization", "Bearer " + source.token(), "Accept", "application/vnd.github+json"),
                body.toString());
    }
}
