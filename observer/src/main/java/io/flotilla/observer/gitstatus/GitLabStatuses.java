package io.flotilla.observer.gitstatus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flotilla.observer.delivery.OutboundRequest;

/**
 * GitLab: {@code POST /projects/{id}/statuses/{sha}} with a {@code PRIVATE-TOKEN}; the project's id or its path,
 * encoded; the status's {@code name} is the context; its states are {@code pending}, {@code success}, {@code failed}.
 */
final class GitLabStatuses implements StatusApi {

    @Override
    public OutboundRequest request(String destination, GitStatusSettings.Source source, CommitStatus status) {
        ObjectNode body = StatusApi.json()
                .put("state", switch (status.state()) {
                    case PENDING -> "pending";
                    case SUCCESS -> "success";
                    case FAILURE -> "failed";
                })
                .put("name", status.context())
                .put("target_url", status.targetUrl())
                .put("description", status.description(255));
        String project = URLEncoder.encode(source.project(), StandardCharsets.UTF_8);
        return new OutboundRequest(destination, StatusApi.key(status), StatusApi.described(status),
                StatusApi.at(source, "/projects/" + project + "/statuses/" + status.sha()),
                Map.of("PRIVATE-TOKEN", source.token()), body.toString());
    }
}
