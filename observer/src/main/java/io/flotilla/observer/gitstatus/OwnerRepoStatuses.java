package io.flotilla.observer.gitstatus;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flotilla.observer.delivery.OutboundRequest;

/**
 * GitHub and Gitea (Forgejo too), whose status APIs are the same but for the token's scheme and the description's
 * length: {@code POST /repos/{owner}/{repo}/statuses/{sha}} with {@code state}, {@code target_url},
 * {@code description} and {@code context}.
 */
final class OwnerRepoStatuses implements StatusApi {

    /** GitHub: a bearer token; descriptions up to 140 characters. */
    static final OwnerRepoStatuses GITHUB = new OwnerRepoStatuses("Bearer ", 140);
    /** Gitea: {@code Authorization: token ...}; descriptions up to 255 characters. */
    static final OwnerRepoStatuses GITEA = new OwnerRepoStatuses("token ", 255);

    private final String tokenScheme;
    private final int descriptionLength;

    private OwnerRepoStatuses(String tokenScheme, int descriptionLength) {
        this.tokenScheme = tokenScheme;
        this.descriptionLength = descriptionLength;
    }

    @Override
    public OutboundRequest request(String destination, GitStatusSettings.Source source, CommitStatus status) {
        ObjectNode body = StatusApi.json()
                .put("state", status.state().name().toLowerCase(Locale.ROOT))
                .put("target_url", status.targetUrl())
                .put("description", status.description(descriptionLength))
                .put("context", status.context());
        return new OutboundRequest(destination, StatusApi.key(status), StatusApi.described(status),
                StatusApi.at(source, "/repos/" + source.project() + "/statuses/" + status.sha()),
                Map.of("Authorization", tokenScheme + source.token(), "Accept", "application/json"), body.toString());
    }
}
