package io.flotilla.observer.gitstatus;

import java.net.URI;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flotilla.events.EventCodec;
import io.flotilla.observer.delivery.OutboundRequest;

/** How one kind of Git host is asked to set a commit status: its path, its authentication, its JSON. */
interface StatusApi {

    /** @param destination {@code git-status/<the source's name in the configuration>} */
    OutboundRequest request(String destination, GitStatusSettings.Source source, CommitStatus status);

    /** {@code https://host/api} + {@code /path}, with no doubled slash. */
    static URI at(GitStatusSettings.Source source, String path) {
        String base = source.apiUrl().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    static ObjectNode json() {
        return EventCodec.mapper().createObjectNode();
    }

    /** One key per commit and scope (a cluster, or a wave): a newer state replaces one not yet sent. */
    static String key(CommitStatus status) {
        return status.sha() + "/" + status.scope();
    }

    /** {@code flotilla/prod on 1a2b3c4d5e: SUCCESS}, for logs and the API. */
    static String described(CommitStatus status) {
        return status.context() + " on " + status.sha().substring(0, Math.min(10, status.sha().length())) + ": "
                + status.state();
    }
}
