package io.flotilla.embedded.clusters;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesResponseComposer;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.flotilla.embedded.clusters.wire.ApiPath;
import io.flotilla.embedded.clusters.wire.ApiStatus;
import io.flotilla.embedded.clusters.wire.Timestamps;

/**
 * The objects of a simulated cluster: fabric8's CRUD store, which keeps them, answers watches and does the writes,
 * plus an index by identity (group, version, resource, namespace, name) kept beside it. fabric8 finds an object by
 * matching every stored object's attributes against the request's, so each request would cost in proportion to
 * what the cluster holds; through the index, getting, creating, replacing, patching and deleting one object cost the
 * same however many there are, and a list costs what its kind (in its namespace) holds. A list still matches its
 * candidates against the whole request, so label and field selectors keep fabric8's meaning, and it keeps fabric8's
 * order: the order in which the objects were last written.
 *
 * <p>A core-group request ({@code /api/v1/...}) finds only core objects, as on a real API server, where fabric8
 * would also match an object of a named group with the same version and resource. Opening a watch still goes
 * through every stored object once, for its initial events.
 *
 * <p>The rest of the API server reads and writes whole objects as JSON through {@link #find}, {@link #existing},
 * {@link #create} and {@link #replace}, and hands subresource writes to fabric8 as sent ({@link #forward}).
 */
final class ObjectStore extends KubernetesCrudDispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CUSTOM_RESOURCE_DEFINITIONS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private static final String JSON_MEDIA_TYPE = "application/json";

    /** Guards the index, so that a read sees each write to the index and to fabric8's map as one step. */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<ObjectKey, Map.Entry<AttributeSet, String>> objects = new HashMap<>();
    /** Each kind's objects, and each kind's in each namespace, in the order fabric8 lists them. */
    private final Map<KindKey, Map<ObjectKey, Map.Entry<AttributeSet, String>>> byKind = new HashMap<>();
    private final Map<KindKey, Map<String, Map<ObjectKey, Map.Entry<AttributeSet, String>>>> byNamespace =
            new HashMap<>();
    /** fabric8 keeps its counter to itself; a list carries the latest resourceVersion handed out, as fabric8's do. */
    private final AtomicLong latestResourceVersion = new AtomicLong();

    /** Which kind of object, as fabric8's attributes name it: {@code api} is the group, absent for the core group. */
    private record KindKey(String api, String version, String plural) {

        static KindKey of(AttributeSet attributes) {
            String version = value(attributes, KubernetesAttributesExtractor.VERSION);
            String plural = value(attributes, KubernetesAttributesExtractor.PLURAL);
            if (version == null || plural == null) {
                return null;
            }
            return new KindKey(value(attributes, KubernetesAttributesExtractor.API), version, plural);
        }

        String path(String namespace, String name) {
            return (api == null ? "/api/" + version : "/apis/" + api + "/" + version)
                    + (namespace == null ? "" : "/namespaces/" + namespace) + "/" + plural + "/" + name;
        }
    }

    /** One object; {@code namespace} is null for a cluster-scoped one. */
    private record ObjectKey(KindKey kind, String namespace, String name) {

        static ObjectKey of(AttributeSet attributes) {
            KindKey kind = KindKey.of(attributes);
            String name = value(attributes, KubernetesAttributesExtractor.NAME);
            if (kind == null || name == null) {
                return null;
            }
            return new ObjectKey(kind, value(attributes, KubernetesAttributesExtractor.NAMESPACE), name);
        }
    }

    @Override
    public long requestResourceVersion() {
        long version = super.requestResourceVersion();
        latestResourceVersion.accumulateAndGet(version, Math::max);
        return version;
    }

    /** fabric8's handlers find the object a create, replace or patch is about through this. */
    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
        ObjectKey key = ObjectKey.of(attributes);
        if (key == null) {
            return super.findResource(attributes);
        }
        lock.readLock().lock();
        try {
            Map.Entry<AttributeSet, String> found = objects.get(key);
            return found != null && found.getKey().matches(attributes) ? found : null;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Every change to fabric8's map goes through here: the index follows it, first, so that it still matches the
     * map should fabric8 fail after changing it (telling the watches, reading a CustomResourceDefinition).
     */
    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
            GenericKubernetesResource resource, String newState) {
        AttributeSet newAttributes = newState == null ? null : storedAttributes(pathAttributes, resource, newState);
        lock.writeLock().lock();
        try {
            if (oldAttributes != null) {
                unindex(oldAttributes);
            }
            if (newAttributes != null) {
                index(newAttributes, newState);
            }
            super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public MockResponse handleGet(String path) {
        AttributeSet query = getKey(path);
        KindKey kind = KindKey.of(query);
        if (kind == null || isWatch(path)) {
            return super.handleGet(path);
        }
        List<String> items = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (Map.Entry<AttributeSet, String> candidate : candidates(kind, query)) {
                if (candidate.getKey().matches(query)) {
                    items.add(candidate.getValue());
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        if (query.containsKey(KubernetesAttributesExtractor.NAME)) {
            return items.isEmpty() ? new MockResponse().setResponseCode(404)
                    : new MockResponse().setResponseCode(200).setBody(items.get(0));
        }
        return new MockResponse().setResponseCode(200).setBody(((KubernetesResponseComposer) responseComposer)
                .compose(items, String.valueOf(latestResourceVersion.get())));
    }

    /**
     * Deletes one object as fabric8's own delete would (an object with finalizers is only marked for deletion),
     * but as a replace that marks it deleted: fabric8 removes such an object under its own lock, the one its
     * watches open under, and finds it through the index, where its delete would go through every object.
     */
    @Override
    public MockResponse handleDelete(String path) {
        AttributeSet query = getKey(path);
        if (ObjectKey.of(query) == null) {
            return super.handleDelete(path);
        }
        Map.Entry<AttributeSet, String> current = findResource(query);
        if (current == null) {
            return new MockResponse().setResponseCode(404);
        }
        ObjectNode object = parse(current.getValue());
        ObjectNode metadata = (ObjectNode) object.get("metadata");
        boolean finalized = !metadata.path("finalizers").isEmpty();
        if (!(finalized && metadata.has("deletionTimestamp"))) {
            metadata.put("deletionTimestamp", Timestamps.now());
            MockResponse marked = handleUpdate(request(HttpMethod.PUT, path, JSON_MEDIA_TYPE, object.toString()));
            if (marked.code() >= 300) {
                return marked;
            }
        }
        return new MockResponse().setResponseCode(200).setBody(current.getValue());
    }

    /** The object {@code path} names, or null when there is none. */
    ObjectNode find(ApiPath path, String name) {
        Map.Entry<AttributeSet, String> entry = findResource(getKey(path.objectPath(name)));
        return entry == null ? null : parse(entry.getValue());
    }

    /** The object {@code path} names, or the API server's 404 when there is none. */
    ObjectNode existing(ApiPath path) {
        ObjectNode current = find(path, path.name());
        if (current == null) {
            throw ApiStatus.notFound(path.resource(), path.name());
        }
        return current;
    }

    /** Stores a new object in collection {@code collectionPath}; fabric8 gives it its resourceVersion. */
    MockResponse create(String collectionPath, ObjectNode object) {
        return handleCreate(request(HttpMethod.POST, collectionPath, JSON_MEDIA_TYPE, object.toString()))
                .setHeader("Content-Type", JSON_MEDIA_TYPE);
    }

    /** Stores {@code object} in place of the one at {@code objectPath} (or of its status, at {@code .../status}). */
    MockResponse replace(String objectPath, ObjectNode object) {
        return handleUpdate(request(HttpMethod.PUT, objectPath, JSON_MEDIA_TYPE, object.toString()))
                .setHeader("Content-Type", JSON_MEDIA_TYPE);
    }

    /** Hands a write to fabric8's own handling, as the client sent it. */
    MockResponse forward(HttpMethod method, String path, String contentType, String body) {
        RecordedRequest request = request(method, path, contentType == null ? JSON_MEDIA_TYPE : contentType, body);
        return switch (method) {
            case PUT -> handleUpdate(request);
            case PATCH -> handlePatch(request);
            default -> throw new ApiStatus(405, "MethodNotAllowed", method + " is not allowed on " + path, null,
                    null, List.of());
        };
    }

    /** The CustomResourceDefinitions stored: the {@code items} of their list. */
    JsonNode customResourceDefinitions() {
        return items(CUSTOM_RESOURCE_DEFINITIONS);
    }

    /** The objects stored under a collection path ({@code /apis/rbac.authorization.k8s.io/v1/rolebindings}: all). */
    JsonNode items(String collectionPath) {
        return parse(handleGet(collectionPath).getBody().readUtf8()).path("items");
    }

    static boolean isCustomResourceDefinitions(ApiPath path) {
        return CUSTOM_RESOURCE_DEFINITIONS.equals(path.collectionPath());
    }

    /** The paths of the objects in {@code namespace}, of every kind. */
    List<String> objectPathsIn(String namespace) {
        List<String> paths = new ArrayList<>();
        lock.readLock().lock();
        try {
            byNamespace.forEach((kind, namespaces) -> namespaces.getOrDefault(namespace, Map.of())
                    .keySet().forEach(key -> paths.add(kind.path(namespace, key.name()))));
        } finally {
            lock.readLock().unlock();
        }
        return paths;
    }

    private Collection<Map.Entry<AttributeSet, String>> candidates(KindKey kind, AttributeSet query) {
        ObjectKey key = ObjectKey.of(query);
        if (key != null) {
            Map.Entry<AttributeSet, String> found = objects.get(key);
            return found == null ? List.of() : List.of(found);
        }
        String namespace = value(query, KubernetesAttributesExtractor.NAMESPACE);
        if (namespace == null) {
            return byKind.getOrDefault(kind, Map.of()).values();
        }
        return byNamespace.getOrDefault(kind, Map.of()).getOrDefault(namespace, Map.of()).values();
    }

    /** The attributes fabric8 stores an object under, worked out as its {@code processEvent} does. */
    private AttributeSet storedAttributes(AttributeSet pathAttributes, GenericKubernetesResource resource,
            String newState) {
        KubernetesAttributesExtractor extractor = (KubernetesAttributesExtractor) attributeExtractor;
        AttributeSet attributes = resource != null ? extractor.extract(resource) : extractor.fromResource(newState);
        return attributes.containsKey(KubernetesAttributesExtractor.PLURAL) ? attributes
                : AttributeSet.merge(pathAttributes, attributes);
    }

    /** A write moves the object to the end, as fabric8's map (insertion-ordered, removed then put) does. */
    private void index(AttributeSet attributes, String json) {
        ObjectKey key = ObjectKey.of(attributes);
        if (key == null) {
            return;
        }
        Map.Entry<AttributeSet, String> entry = new AbstractMap.SimpleImmutableEntry<>(attributes, json);
        unindex(key);
        objects.put(key, entry);
        byKind.computeIfAbsent(key.kind(), k -> new LinkedHashMap<>()).put(key, entry);
        byNamespace.computeIfAbsent(key.kind(), k -> new HashMap<>())
                .computeIfAbsent(key.namespace(), n -> new LinkedHashMap<>()).put(key, entry);
    }

    private void unindex(AttributeSet attributes) {
        ObjectKey key = ObjectKey.of(attributes);
        if (key != null) {
            unindex(key);
        }
    }

    private void unindex(ObjectKey key) {
        if (objects.remove(key) == null) {
            return;
        }
        byKind.get(key.kind()).remove(key);
        Map<String, Map<ObjectKey, Map.Entry<AttributeSet, String>>> namespaces = byNamespace.get(key.kind());
        Map<ObjectKey, Map.Entry<AttributeSet, String>> inNamespace = namespaces.get(key.namespace());
        inNamespace.remove(key);
        if (inNamespace.isEmpty()) {
            namespaces.remove(key.namespace());
        }
    }

    private static RecordedRequest request(HttpMethod method, String path, String contentType, String body) {
        return new RecordedRequest("HTTP/1.1", method, path, Headers.builder().add("Content-Type", contentType).build(),
                new Buffer(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static boolean isWatch(String path) {
        int query = path.indexOf('?');
        return query >= 0 && path.substring(query).contains("watch=true");
    }

    private static String value(AttributeSet attributes, String key) {
        Attribute attribute = attributes.getAttribute(key);
        return attribute == null || attribute.getValues().isEmpty() ? null
                : attribute.getValues().get(0).toString();
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("fabric8 stored an object that is not JSON: " + json, e);
        }
    }
}
