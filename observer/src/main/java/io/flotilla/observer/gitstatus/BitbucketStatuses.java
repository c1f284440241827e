package io.flotilla.observer.gitstatus;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flotilla.observer.delivery.OutboundRequest;

/**
 * Bitbucket Cloud: {@code POST /repositories/{workspace}/{repo}/commit/{sha}/statuses/build} with a bearer token;
 * the context is the status's {@code key} (a newer status of the same key replaces the older) and its name; states
 * {@code INPROGRESS}, {@code SUCCESSFUL}, {@code FAILED}.
 */
final class BitbucketStatuses implements StatusApi {

    @Override
    public OutboundRequest request(String destination, GitStatusSettings.Source source, CommitStatus status) {
        ObjectNode body = StatusApi.json()
                .put("state", switch (status.state()) {
                    case PENDING -> "INPROGRESS";
                    case SUCCESS -> "SUCCESSFUL";
                    case FAILURE -> "FAILED";
                })
                .put("key", status.context())
                .put("name", status.context())
                .put("url", status.targetUrl())
                .put("description", status.description(255));
        return new OutboundRequest(destination, StatusApi.key(status), StatusApi.described(status),
                StatusApi.at(source, "/repositories/" + source.project() + "/commit/" + status.sha()
                        + "/statuses/build"),
                Map.of("Authorization", "Bearer " + source.token()), body.toString());
    }
}
