package io.flotilla.embedded.clusters;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.mockwebserver.http.MockResponse;
import io.flotilla.embedded.clusters.apply.ManagedFields;
import io.flotilla.embedded.clusters.apply.Patches;
import io.flotilla.embedded.clusters.wire.ApiPath;
import io.flotilla.embedded.clusters.wire.ApiStatus;
import io.flotilla.embedded.clusters.wire.JsonBodies;
import io.flotilla.embedded.clusters.wire.Timestamps;
import io.flotilla.embedded.clusters.wire.WriteRequest;

/**
 * PATCH requests: server-side apply, which creates the object or merges into it with field ownership and
 * conflicts ({@link ManagedFields}), and JSON, merge and strategic merge patches of an existing object
 * ({@link Patches}). The outcome is stored as any write's ({@link ObjectWrites#stored}).
 */
final class ObjectPatches {

    private final ObjectStore store;
    private final ObjectWrites writes;

    ObjectPatches(ObjectStore store, ObjectWrites writes) {
        this.store = store;
        this.writes = writes;
    }

    MockResponse patch(WriteRequest write) {
        if (Patches.isApply(write.contentType())) {
            return apply(write.path(), JsonBodies.objectFromYaml(write.body()), write.manager());
        }
        ApiPath path = write.path();
        ObjectNode current = store.existing(path);
        ObjectNode object = Patches.patched(current, write.contentType(), write.body());
        ObjectValidation.checkIdentity(path, object, false);
        ObjectValidation.checkResourceVersion(current, object);
        writes.keepStatus(path, current, object);
        return writes.stored(path, current, ManagedFields.update(current, object, write.manager(), Timestamps.now()));
    }

    private MockResponse apply(ApiPath path, ObjectNode applied, String manager) {
        if (!path.query().containsKey("fieldManager")) {
            throw ApiStatus.badRequest("PATCH is required to have a fieldManager for apply");
        }
        ObjectValidation.checkIdentity(path, applied, false);
        boolean force = "true".equals(path.query().get("force"));
        ObjectNode current = store.find(path, path.name());
        if (current == null) {
            writes.prepareForCreate(path, applied);
            return writes.stored(path, null, ManagedFields.apply(null, applied, manager, force, Timestamps.now()));
        }
        ObjectValidation.checkResourceVersion(current, applied);
        applied.remove("status");
        return writes.stored(path, current, ManagedFields.apply(current, applied, manager, force, Timestamps.now()));
    }
}
