package io.flotilla.embedded.clusters;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.mockwebserver.http.MockResponse;
import io.flotilla.embedded.clusters.apply.ManagedFields;
import io.flotilla.embedded.clusters.discovery.BuiltInResources;
import io.flotilla.embedded.clusters.wire.ApiPath;
import io.flotilla.embedded.clusters.wire.ApiStatus;
import io.flotilla.embedded.clusters.wire.JsonBodies;
import io.flotilla.embedded.clusters.wire.Timestamps;
import io.flotilla.embedded.clusters.wire.WriteRequest;

/**
 * Creates, replaces and deletes objects, and writes their subresources, as a real API server does before the
 * store sees them: the object checked ({@link ObjectValidation}), the metadata the server owns set, status left to
 * its subresource, {@code metadata.managedFields} kept ({@link ManagedFields}). Every write, patches included
 * ({@link ObjectPatches}), ends in {@link #stored}: a dry run answers there ({@link DryRun}), anything else is
 * stored and followed by its controller's status ({@link ControllerStatus}).
 */
final class ObjectWrites {

    private final ObjectStore store;
    private final NamespaceLifecycle namespaces;
    private final ControllerStatus controllers;

    ObjectWrites(ObjectStore store, NamespaceLifecycle namespaces, ControllerStatus controllers) {
        this.store = store;
        this.namespaces = namespaces;
        this.controllers = controllers;
    }

    /** POST to a collection; a name left to the server ({@code generateName}) gets a random suffix. */
    MockResponse create(WriteRequest write) {
        ApiPath path = write.path();
        ObjectNode object = JsonBodies.object(write.body());
        ObjectValidation.checkIdentity(path, object, true);
        ObjectNode metadata = (ObjectNode) object.get("metadata");
        if (metadata.path("name").asText("").isEmpty()) {
            metadata.put("name", metadata.path("generateName").asText() + randomSuffix());
        }
        String name = metadata.get("name").asText();
        if (store.find(path, name) != null) {
            throw ApiStatus.alreadyExists(path.resource(), name);
        }
        prepareForCreate(path, object);
        return stored(path, null, ManagedFields.update(null, object, write.manager(), Timestamps.now()));
    }

    /** PUT of a whole object. */
    MockResponse replace(WriteRequest write) {
        ApiPath path = write.path();
        ObjectNode object = JsonBodies.object(write.body());
        ObjectValidation.checkIdentity(path, object, false);
        ObjectNode current = store.existing(path);
        ObjectValidation.checkResourceVersion(current, object);
        keepStatus(path, current, object);
        return stored(path, current, ManagedFields.update(current, object, write.manager(), Timestamps.now()));
    }

    /** DELETE of one object, or of a collection ({@code rawPath} keeps its label and field selectors). */
    MockResponse delete(ApiPath path, String rawPath) {
        if (path.name() == null) {
            return path.isDryRun() ? store.handleGet(rawPath) : store.handleDelete(rawPath);
        }
        ObjectNode current = store.existing(path);
        if (path.isDryRun()) {
            return DryRun.unchanged(current);
        }
        if (NamespaceLifecycle.isNamespace(path)) {
            namespaces.deleteContents(path.name());
        }
        return store.handleDelete(path.withoutQuery());
    }

    /** Status (and scale, finalize) writes: stored as the CRUD store does them, or only answered on a dry run. */
    MockResponse writeSubresource(WriteRequest write) {
        ApiPath path = write.path();
        ObjectNode current = store.existing(path);
        if (path.isDryRun()) {
            return DryRun.unchanged(current);
        }
        return store.forward(write.method(), path.withoutQuery(), write.contentType(), write.body());
    }

    /** Stores the outcome of a write (nothing on a dry run or a no-op) and answers as the API server would. */
    MockResponse stored(ApiPath path, ObjectNode current, ManagedFields.Outcome outcome) {
        ObjectNode object = outcome.object();
        SecretStringData.mergeIntoData(path, object);
        if (current == null) {
            if (path.isNamespaced()) {
                namespaces.requireActive(path.namespace());
            }
            if (path.isDryRun()) {
                return DryRun.created(object);
            }
            return controllers.afterWrite(path, store.create(path.collectionPath(), object));
        }
        if (!outcome.changed()) {
            return JsonBodies.response(200, current);
        }
        if (path.isDryRun()) {
            return DryRun.updated(current, object);
        }
        ObjectNode update = object.deepCopy();
        ((ObjectNode) update.get("metadata")).remove("resourceVersion");
        String name = current.path("metadata").path("name").asText();
        return controllers.afterWrite(path, store.replace(path.objectPath(name), update));
    }

    /** What the server sets on create; a Namespace and a CustomResourceDefinition also get their initial status. */
    void prepareForCreate(ApiPath path, ObjectNode object) {
        ObjectNode metadata = (ObjectNode) object.get("metadata");
        if (path.isNamespaced()) {
            metadata.put("namespace", path.namespace());
        } else {
            metadata.remove("namespace");
        }
        metadata.remove(List.of("uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
                "managedFields"));
        if (hasStatusSubresource(path)) {
            object.remove("status");
        }
        if (NamespaceLifecycle.isNamespace(path)) {
            NamespaceLifecycle.prepareForCreate(object);
        }
        if (ObjectStore.isCustomResourceDefinitions(path)) {
            object.set("status", ControllerStatus.established(object.path("spec")));
        }
    }

    /** Where status has its own subresource, a write of the object leaves the status stored as it was. */
    void keepStatus(ApiPath path, ObjectNode current, ObjectNode object) {
        if (hasStatusSubresource(path)) {
            if (current.has("status")) {
                object.set("status", current.get("status").deepCopy());
            } else {
                object.remove("status");
            }
        }
    }

    private boolean hasStatusSubresource(ApiPath path) {
        return BuiltInResources.find(path.group(), path.version(), path.resource())
                .map(BuiltInResources.Resource::hasStatus)
                .orElseGet(() -> store.isStatusSubresourceEnabledForResource(path.collectionPath()));
    }

    private static String randomSuffix() {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            suffix.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return suffix.toString();
    }
}
