package io.flotilla.embedded.clusters;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudPersistence;
import io.fabric8.mockwebserver.http.MockResponse;
import io.flotilla.embedded.clusters.wire.JsonBodies;
import io.flotilla.embedded.clusters.wire.Timestamps;

/**
 * What a write with {@code dryRun=All} answers: the object as the write would have stored it, with the metadata the
 * server would have set, while nothing is stored and no controller follows. Every check of a real write still runs
 * before it, so a dry run fails where the write would.
 */
final class DryRun {

    private DryRun() {
    }

    /** A create: the new object with its uid, creation time and first generation. */
    static MockResponse created(ObjectNode object) {
        ObjectNode created = object.deepCopy();
        ((ObjectNode) created.get("metadata"))
                .put("uid", UUID.randomUUID().toString())
                .put("creationTimestamp", Timestamps.now())
                .put("generation", 1);
        return JsonBodies.response(201, created);
    }

    /** A replace, patch or apply: the identity of {@code current} kept, its generation counted on a spec change. */
    static MockResponse updated(ObjectNode current, ObjectNode object) {
        ObjectNode updated = object.deepCopy();
        ObjectNode metadata = (ObjectNode) updated.get("metadata");
        JsonNode was = current.get("metadata");
        for (String field : List.of("namespace", "uid", "creationTimestamp", "resourceVersion", "generation")) {
            if (was.has(field)) {
                metadata.set(field, was.get(field).deepCopy());
            }
        }
        if (KubernetesCrudPersistence.shouldIncreaseGeneration(current, updated)) {
            metadata.put("generation", was.path("generation").asLong(0) + 1);
        }
        return JsonBodies.response(200, updated);
    }

    /** A delete or a subresource write: the object as it stands. */
    static MockResponse unchanged(ObjectNode current) {
        return JsonBodies.response(200, current);
    }
}
