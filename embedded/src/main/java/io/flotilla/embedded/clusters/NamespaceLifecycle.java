package io.flotilla.embedded.clusters;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flotilla.embedded.clusters.wire.ApiPath;
import io.flotilla.embedded.clusters.wire.ApiStatus;

/**
 * Namespaces from creation to deletion, as the API server and its namespace controller handle them: a new one is
 * labelled with its name and Active; nothing is created in one that does not exist or is Terminating (the
 * NamespaceLifecycle admission plugin); deleting one deletes what it holds.
 */
final class NamespaceLifecycle {

    static final String COLLECTION = "/api/v1/namespaces";
    private static final ApiPath NAMESPACES = ApiPath.parse(COLLECTION);

    private final ObjectStore store;

    NamespaceLifecycle(ObjectStore store) {
        this.store = store;
    }

    static boolean isNamespace(ApiPath path) {
        return path.group().isEmpty() && path.resource().equals("namespaces");
    }

    /** What the server adds to a new Namespace: its name label, the {@code kubernetes} finalizer, phase Active. */
    static void prepareForCreate(ObjectNode namespace) {
        ObjectNode metadata = (ObjectNode) namespace.get("metadata");
        metadata.withObject("/labels").put("kubernetes.io/metadata.name", metadata.get("name").asText());
        namespace.withObject("/spec").withArray("finalizers").removeAll().add("kubernetes");
        namespace.withObject("/status").put("phase", "Active");
    }

    /** Refuses a create in {@code namespace} unless it exists and is not being terminated. */
    void requireActive(String namespace) {
        ObjectNode found = store.find(NAMESPACES, namespace);
        if (found == null) {
            throw ApiStatus.notFound("namespaces", namespace);
        }
        if ("Terminating".equals(found.path("status").path("phase").asText())) {
            throw ApiStatus.forbidden("namespaces", namespace, "unable to create new content in namespace "
                    + namespace + " because it is being terminated");
        }
    }

    /**
     * What the namespace controller does once a Namespace is deleted: every object in it goes. A real cluster
     * first shows the Namespace as Terminating for a while; here it goes at once, with its contents.
     */
    void deleteContents(String namespace) {
        store.objectPathsIn(namespace).forEach(store::handleDelete);
    }

    /**
     * Leaves the namespace Terminating, as a real one stays while its finalizers have not finished: nothing new
     * may be created in it. Only its phase says so: the CRUD store would drop an object given a deletion
     * timestamp at once.
     */
    void terminate(String namespace) {
        ApiPath path = ApiPath.parse(COLLECTION + "/" + namespace);
        ObjectNode terminating = store.existing(path);
        terminating.withObject("/status").put("phase", "Terminating");
        ((ObjectNode) terminating.get("metadata")).remove("resourceVersion");
        store.replace(path.objectPath(namespace), terminating);
    }
}
