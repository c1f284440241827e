package io.flotilla.embedded.clusters;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.mockwebserver.http.MockResponse;
import io.flotilla.embedded.clusters.discovery.Discovery;
import io.flotilla.embedded.clusters.wire.ApiPath;
import io.flotilla.embedded.clusters.wire.ApiStatus;
import io.flotilla.embedded.clusters.wire.JsonBodies;

/**
 * Gets, lists and watches, served by the store ({@link ObjectStore}) and answered as a real API server answers
 * them: JSON that says so, a list of its kind's list kind in its group and version ({@code SecretList} in {@code v1},
 * {@code ReplicaSetList} in {@code apps/v1}, not {@code List} in {@code v1}), a missing object
 * as a {@code Status}. A client that asks for protobuf first and decodes into typed lists, as Helm's does, relies
 * on all three.
 */
record ObjectReads(ObjectStore store, Discovery discovery) {

    MockResponse read(String rawPath, ApiPath path) {
        MockResponse response = store.handleGet(rawPath);
        if (response.code() == 404 && path.name() != null) {
            return ApiStatus.notFound(path.resource(), path.name()).toResponse();
        }
        if (response.getWebSocketListener() != null) {
            return response;
        }
        if (response.code() == 200 && path.name() == null && !"true".equals(path.query().get("watch"))) {
            ObjectNode list = JsonBodies.object(response.getBody().readUtf8());
            discovery.listKind(path).ifPresent(kind -> list.put("kind", kind).put("apiVersion", path.apiVersion()));
            return JsonBodies.response(200, list);
        }
        return response.setHeader("Content-Type", "application/json");
    }
}
