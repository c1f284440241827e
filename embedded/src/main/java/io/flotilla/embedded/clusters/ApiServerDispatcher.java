package io.flotilla.embedded.clusters;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudPersistence;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;

/**
 * The request handling of a simulated cluster. fabric8's CRUD dispatcher, indexed ({@link ObjectStore}), stores the
 * objects and serves reads and watches; every write passes here first and reaches it as a plain create or replace
 * of the final object, so that what a real API server does on top is done here: server-side apply (create or merge,
 * field ownership, conflicts), dry runs that store nothing, {@code metadata.managedFields}, namespaces that must
 * exist, status that only its subresource changes, CustomResourceDefinitions established, and API discovery for
 * built-in and custom resources. Go clients such as Helm's find what they need too: an OpenAPI document
 * ({@link OpenApiDocument}) and Secrets and ConfigMaps written in protobuf ({@link ProtobufObjects}).
 */
final class ApiServerDispatcher extends Dispatcher {

    static final String KUBERNETES_VERSION = "v1.31.0";

    private static final String APPLY_PATCH = "application/apply-patch+yaml";
    private static final String JSON_PATCH = "application/json-patch+json";
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
    private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private static final List<String> INITIAL_NAMESPACES = List.of("default", "kube-system", "kube-public",
            "kube-node-lease");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final ObjectStore store = new ObjectStore();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final ReceivedRequests received = new ReceivedRequests();
    /** Writes read the stored object, decide, then store: one at a time, as etcd's compare-and-swap would. */
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Runnable afterEachRequest;
    private volatile boolean rolloutAutomatically = true;

    /** A cluster as it is after installation: its namespaces, and one ready node named after the cluster. */
    ApiServerDispatcher(String clusterName, Runnable afterEachRequest) {
        this.afterEachRequest = afterEachRequest;
        for (String namespace : INITIAL_NAMESPACES) {
            ObjectNode object = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Namespace");
            object.putObject("metadata").put("name", namespace);
            ApiPath path = ApiPath.parse("/api/v1/namespaces");
            prepareForCreate(path, object);
            store(HttpMethod.POST, path.collectionPath(),
                    ManagedFields.update(null, object, "kube-apiserver", now()).object());
        }
        store(HttpMethod.POST, "/api/v1/nodes", node(clusterName + "-control-plane"));
    }

    void rolloutAutomatically(boolean automatically) {
        rolloutAutomatically = automatically;
    }

    long requestCount() {
        return requests.get();
    }

    long writeCount() {
        return writes.get();
    }

    ReceivedRequests received() {
        return received;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.incrementAndGet();
        received.add(request.method(), request.getPath());
        try {
            ApiPath path = ApiPath.parse(request.getPath());
            HttpMethod method = request.method();
            if (method == HttpMethod.GET) {
                return path == null ? discovery(request.getPath()) : read(request.getPath(), path);
            }
            if (path == null || method == null || !List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
                    HttpMethod.DELETE).contains(method)) {
                return new ApiStatus(405, "MethodNotAllowed", "the server does not allow this method on the "
                        + "requested resource", null, null, List.of()).toResponse();
            }
            if (path.isDryRun()) {
                // A dry run stores nothing, so it need not wait for the writes in progress, as etcd never sees it.
                return write(method, path, request);
            }
            writes.incrementAndGet();
            writeLock.lock();
            try {
                return write(method, path, request);
            } finally {
                writeLock.unlock();
            }
        } catch (ApiStatus status) {
            return status.toResponse();
        } finally {
            afterEachRequest.run();
        }
    }

    /**
     * Reads answer JSON and say so, and a list is of its kind's list kind ({@code SecretList}, not {@code List}), as
     * from a real API server: a client that asks for protobuf first and decodes into typed lists, as Helm's does,
     * relies on both.
     */
    private MockResponse read(String rawPath, ApiPath path) {
        MockResponse response = store.handleGet(rawPath);
        if (response.code() == 404 && path.name() != null) {
            return ApiStatus.notFound(path.resource(), path.name()).toResponse();
        }
        if (response.getWebSocketListener() != null) {
            return response;
        }
        if (response.code() == 200 && path.name() == null && !"true".equals(path.query().get("watch"))) {
            ObjectNode list = parse(response.getBody().readUtf8(), JSON);
            listKind(path).ifPresent(kind -> list.put("kind", kind));
            return json(200, list);
        }
        return response.setHeader("Content-Type", "application/json");
    }

    private Optional<String> listKind(ApiPath path) {
        Optional<String> builtIn = BuiltInResources.find(path.group(), path.version(), path.resource())
                .map(resource -> resource.kind() + "List");
        if (builtIn.isPresent()) {
            return builtIn;
        }
        for (JsonNode crd : customResourceDefinitions()) {
            JsonNode spec = crd.path("spec");
            if (spec.path("group").asText().equals(path.group())
                    && spec.path("names").path("plural").asText().equals(path.resource())) {
                return Optional.of(spec.path("names").path("listKind").asText(spec.path("names").path("kind").asText()
                        + "List"));
            }
        }
        return Optional.empty();
    }

    private MockResponse write(HttpMethod method, ApiPath path, RecordedRequest request) {
        byte[] bytes = request.getBody() == null ? new byte[0] : request.getBody().readByteArray();
        String contentType = request.getHeader("Content-Type");
        boolean protobuf = contentType != null && contentType.startsWith(ProtobufObjects.MEDIA_TYPE);
        if (protobuf && method != HttpMethod.POST && method != HttpMethod.PUT) {
            throw ApiStatus.unsupportedMediaType(contentType);
        }
        String body = protobuf ? ProtobufObjects.toJson(bytes).toString() : new String(bytes, StandardCharsets.UTF_8);
        String manager = manager(path, request);
        if (path.subresource() != null) {
            return writeSubresource(method, path, contentType, body);
        }
        return switch (method) {
            case POST -> create(path, parse(body, JSON), manager);
            case PUT -> replace(path, parse(body, JSON), manager);
            case PATCH -> patch(path, request.getHeader("Content-Type"), body, manager);
            default -> delete(path, request.getPath());
        };
    }

    private MockResponse create(ApiPath path, ObjectNode object, String manager) {
        checkIdentity(path, object, true);
        ObjectNode metadata = (ObjectNode) object.get("metadata");
        if (metadata.path("name").asText("").isEmpty()) {
            metadata.put("name", metadata.path("generateName").asText() + randomSuffix());
        }
        String name = metadata.get("name").asText();
        if (current(path, name) != null) {
            throw ApiStatus.alreadyExists(path.resource(), name);
        }
        prepareForCreate(path, object);
        return stored(path, null, ManagedFields.update(null, object, manager, now()));
    }

    private MockResponse replace(ApiPath path, ObjectNode object, String manager) {
        checkIdentity(path, object, false);
        ObjectNode current = existing(path);
        checkResourceVersion(current, object);
        keepStatus(path, current, object);
        return stored(path, current, ManagedFields.update(current, object, manager, now()));
    }

    private MockResponse patch(ApiPath path, String contentType, String body, String manager) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (type.equals(APPLY_PATCH)) {
            return apply(path, parse(body, YAML), manager);
        }
        ObjectNode current = existing(path);
        JsonNode patch = parseAny(body);
        JsonNode patched = switch (type) {
            case JSON_PATCH -> jsonPatch(patch, current);
            // Strategic merge differs from a merge patch only for lists with merge keys, which Flotilla never patches.
            case MERGE_PATCH, STRATEGIC_MERGE_PATCH -> MergePatch.apply(current, patch);
            default -> throw ApiStatus.unsupportedMediaType(contentType);
        };
        if (!(patched instanceof ObjectNode object)) {
            throw ApiStatus.badRequest("the patch does not leave an object");
        }
        checkIdentity(path, object, false);
        checkResourceVersion(current, object);
        keepStatus(path, current, object);
        return stored(path, current, ManagedFields.update(current, object, manager, now()));
    }

    private MockResponse apply(ApiPath path, ObjectNode applied, String manager) {
        if (!path.query().containsKey("fieldManager")) {
            throw ApiStatus.badRequest("PATCH is required to have a fieldManager for apply");
        }
        checkIdentity(path, applied, false);
        boolean force = "true".equals(path.query().get("force"));
        ObjectNode current = current(path, path.name());
        if (current == null) {
            prepareForCreate(path, applied);
            return stored(path, null, ManagedFields.apply(null, applied, manager, force, now()));
        }
        checkResourceVersion(current, applied);
        applied.remove("status");
        return stored(path, current, ManagedFields.apply(current, applied, manager, force, now()));
    }

    private MockResponse delete(ApiPath path, String rawPath) {
        if (path.name() == null) {
            return path.isDryRun() ? store.handleGet(rawPath) : store.handleDelete(rawPath);
        }
        ObjectNode current = existing(path);
        if (path.isDryRun()) {
            return json(200, current);
        }
        if (path.group().isEmpty() && path.resource().equals("namespaces")) {
            deleteContents(path.name());
        }
        return store.handleDelete(path.withoutQuery());
    }

    /**
     * What the namespace controller does once a Namespace is deleted: every object in it goes. A real cluster
     * first shows the Namespace as Terminating for a while; here it goes at once, with its contents.
     */
    private void deleteContents(String namespace) {
        store.objectPathsIn(namespace).forEach(store::handleDelete);
    }

    /** Status (and scale, finalize) writes: stored as the CRUD dispatcher does them, or only answered on a dry run. */
    private MockResponse writeSubresource(HttpMethod method, ApiPath path, String contentType, String body) {
        ObjectNode current = existing(path);
        if (path.isDryRun()) {
            return json(200, current);
        }
        String target = path.withoutQuery();
        Headers headers = Headers.builder().add("Content-Type", contentType == null ? "application/json"
                : contentType).build();
        RecordedRequest forwarded = new RecordedRequest("HTTP/1.1", method, target, headers,
                new Buffer(body.getBytes(StandardCharsets.UTF_8)));
        return switch (method) {
            case PUT -> store.handleUpdate(forwarded);
            case PATCH -> store.handlePatch(forwarded);
            default -> throw new ApiStatus(405, "MethodNotAllowed", method + " is not allowed on " + target, null,
                    null, List.of());
        };
    }

    /** Stores the outcome of a write (nothing on a dry run or a no-op) and answers as the API server would. */
    private MockResponse stored(ApiPath path, ObjectNode current, ManagedFields.Outcome outcome) {
        ObjectNode object = outcome.object();
        if (current == null) {
            if (path.isNamespaced()) {
                requireNamespace(path.namespace());
            }
            if (path.isDryRun()) {
                return json(201, withCreateMetadata(object));
            }
            return rolledOut(path, store(HttpMethod.POST, path.collectionPath(), object));
        }
        if (!outcome.changed()) {
            return json(200, current);
        }
        String name = current.path("metadata").path("name").asText();
        if (path.isDryRun()) {
            return json(200, withUpdateMetadata(current, object));
        }
        ObjectNode update = object.deepCopy();
        ((ObjectNode) update.get("metadata")).remove("resourceVersion");
        return rolledOut(path, store(HttpMethod.PUT, path.objectPath(name), update));
    }

    /**
     * After a workload is written, its controller's status follows, as the next write on the object; the client
     * gets the answer to its own write, without that status, as from a real server.
     */
    private MockResponse rolledOut(ApiPath path, MockResponse written) {
        if (written.code() >= 300 || !rolloutAutomatically) {
            return written;
        }
        String body = written.getBody().readUtf8();
        written.setBody(body);
        ObjectNode object = parse(body, JSON);
        WorkloadStatus.rolledOut(object, now()).ifPresent(status -> {
            if (!status.equals(object.get("status"))) {
                ObjectNode withStatus = object.deepCopy();
                withStatus.set("status", status);
                ((ObjectNode) withStatus.get("metadata")).remove("resourceVersion");
                String target = path.objectPath(object.path("metadata").path("name").asText()) + "/status";
                store.handleUpdate(new RecordedRequest("HTTP/1.1", HttpMethod.PUT, target,
                        Headers.builder().add("Content-Type", "application/json").build(),
                        new Buffer(withStatus.toString().getBytes(StandardCharsets.UTF_8))));
            }
        });
        return written;
    }

    private MockResponse store(HttpMethod method, String target, ObjectNode object) {
        Headers headers = Headers.builder().add("Content-Type", "application/json").build();
        RecordedRequest forwarded = new RecordedRequest("HTTP/1.1", method, target, headers,
                new Buffer(object.toString().getBytes(StandardCharsets.UTF_8)));
        MockResponse response = method == HttpMethod.POST ? store.handleCreate(forwarded) : store.handleUpdate(forwarded);
        return response.setHeader("Content-Type", "application/json");
    }

    /** What the server sets on create; a Namespace also gets its name label, finalizer and phase. */
    private void prepareForCreate(ApiPath path, ObjectNode object) {
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
        if (path.group().isEmpty() && path.resource().equals("namespaces")) {
            metadata.withObject("/labels").put("kubernetes.io/metadata.name", metadata.get("name").asText());
            object.withObject("/spec").withArray("finalizers").removeAll().add("kubernetes");
            object.withObject("/status").put("phase", "Active");
        }
        if (CRDS.equals(path.collectionPath())) {
            object.set("status", established(object.path("spec")));
        }
    }

    /**
     * The status the API server gives a CustomResourceDefinition it accepted: its names taken, its kind served, its
     * storage version recorded. Clients that wait for a definition before using it (Helm, for the CRDs of a chart)
     * wait for this.
     */
    private static ObjectNode established(JsonNode spec) {
        ObjectNode status = JSON.createObjectNode();
        status.set("acceptedNames", spec.path("names").deepCopy());
        ArrayNode conditions = status.putArray("conditions");
        for (String type : List.of("NamesAccepted", "Established")) {
            conditions.addObject().put("type", type).put("status", "True").put("lastTransitionTime", now())
                    .put("reason", type.equals("Established") ? "InitialNamesAccepted" : "NoConflicts")
                    .put("message", type.equals("Established") ? "the initial names have been accepted"
                            : "no conflicts found");
        }
        ArrayNode stored = status.putArray("storedVersions");
        for (JsonNode version : spec.path("versions")) {
            if (version.path("storage").asBoolean()) {
                stored.add(version.path("name").asText());
            }
        }
        return status;
    }

    private static ObjectNode node(String name) {
        ObjectNode node = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Node");
        node.putObject("metadata").put("name", name).putObject("labels")
                .put("kubernetes.io/hostname", name).put("kubernetes.io/os", "linux").put("kubernetes.io/arch", "amd64")
                .put("node-role.kubernetes.io/control-plane", "");
        ObjectNode status = node.putObject("status");
        status.putObject("nodeInfo").put("kubeletVersion", KUBERNETES_VERSION).put("kubeProxyVersion", KUBERNETES_VERSION)
                .put("operatingSystem", "linux").put("architecture", "amd64").put("osImage", "Flotilla simulated node")
                .put("containerRuntimeVersion", "simulated://1.0");
        status.putObject("capacity").put("cpu", "4").put("memory", "16Gi").put("pods", "110");
        status.putObject("allocatable").put("cpu", "4").put("memory", "16Gi").put("pods", "110");
        status.putArray("conditions").addObject().put("type", "Ready").put("status", "True")
                .put("reason", "KubeletReady").put("message", "kubelet is posting ready status")
                .put("lastHeartbeatTime", now()).put("lastTransitionTime", now());
        return node;
    }

    private void keepStatus(ApiPath path, ObjectNode current, ObjectNode object) {
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

    private void requireNamespace(String namespace) {
        ObjectNode found = current(ApiPath.parse("/api/v1/namespaces"), namespace);
        if (found == null) {
            throw ApiStatus.notFound("namespaces", namespace);
        }
        if ("Terminating".equals(found.path("status").path("phase").asText())) {
            throw ApiStatus.forbidden("namespaces", namespace, "unable to create new content in namespace "
                    + namespace + " because it is being terminated");
        }
    }

    /**
     * Leaves the namespace Terminating, as a real one stays while its finalizers have not finished: nothing new
     * may be created in it. Only its phase says so: the CRUD store would drop an object given a deletion
     * timestamp at once.
     */
    void terminateNamespace(String namespace) {
        writeLock.lock();
        try {
            ApiPath path = ApiPath.parse("/api/v1/namespaces/" + namespace);
            ObjectNode terminating = existing(path);
            terminating.withObject("/status").put("phase", "Terminating");
            ((ObjectNode) terminating.get("metadata")).remove("resourceVersion");
            store(HttpMethod.PUT, path.objectPath(namespace), terminating);
        } finally {
            writeLock.unlock();
        }
    }

    private ObjectNode existing(ApiPath path) {
        ObjectNode current = current(path, path.name());
        if (current == null) {
            throw ApiStatus.notFound(path.resource(), path.name());
        }
        return current;
    }

    private ObjectNode current(ApiPath path, String name) {
        AttributeSet key = store.getKey(path.objectPath(name));
        Map.Entry<AttributeSet, String> entry = store.findResource(key);
        return entry == null ? null : parse(entry.getValue(), JSON);
    }

    private static void checkIdentity(ApiPath path, ObjectNode object, boolean creating) {
        String kind = object.path("kind").asText("");
        if (kind.isEmpty()) {
            throw ApiStatus.badRequest("Object 'Kind' is missing in '" + abbreviated(object) + "'");
        }
        if (object.path("apiVersion").asText("").isEmpty()) {
            throw ApiStatus.badRequest("Object 'apiVersion' is missing in '" + abbreviated(object) + "'");
        }
        if (!object.path("metadata").isObject()) {
            throw ApiStatus.invalid(kind, "", "metadata.name", "Required value: name or generateName is required");
        }
        JsonNode metadata = object.get("metadata");
        String name = metadata.path("name").asText("");
        if (name.isEmpty() && !(creating && !metadata.path("generateName").asText("").isEmpty())) {
            throw ApiStatus.invalid(kind, "", "metadata.name", "Required value: name or generateName is required");
        }
        if (path.name() != null && !name.isEmpty() && !name.equals(path.name())) {
            throw ApiStatus.badRequest("the name of the object (" + name + ") does not match the name on the URL ("
                    + path.name() + ")");
        }
        String namespace = metadata.path("namespace").asText("");
        if (path.isNamespaced() && !namespace.isEmpty() && !namespace.equals(path.namespace())) {
            throw ApiStatus.badRequest("the namespace of the provided object does not match the namespace sent on "
                    + "the request");
        }
    }

    private static void checkResourceVersion(ObjectNode current, ObjectNode object) {
        String expected = object.path("metadata").path("resourceVersion").asText("");
        if (!expected.isEmpty() && !expected.equals(current.path("metadata").path("resourceVersion").asText())) {
            throw new ApiStatus(409, "Conflict", "Operation cannot be fulfilled on " + object.path("kind").asText()
                    + " \"" + object.path("metadata").path("name").asText() + "\": the object has been modified; "
                    + "please apply your changes to the latest version and try again", object.path("kind").asText(),
                    object.path("metadata").path("name").asText(), List.of());
        }
    }

    private static ObjectNode withCreateMetadata(ObjectNode object) {
        ObjectNode created = object.deepCopy();
        ((ObjectNode) created.get("metadata"))
                .put("uid", UUID.randomUUID().toString())
                .put("creationTimestamp", now())
                .put("generation", 1);
        return created;
    }

    private static ObjectNode withUpdateMetadata(ObjectNode current, ObjectNode object) {
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
        return updated;
    }

    private MockResponse discovery(String rawPath) {
        String path = rawPath.split("\\?")[0].replaceAll("/+$", "");
        List<String> segments = List.of(path.split("/")).stream().filter(s -> !s.isEmpty()).toList();
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (segments.isEmpty()) {
            ObjectNode root = json.objectNode();
            ArrayNode paths = root.putArray("paths").add("/api").add("/api/v1").add("/apis").add("/version");
            groupVersions().forEach((group, versions) -> versions.forEach(v -> paths.add("/apis/" + group + "/" + v)));
            return json(200, root);
        }
        if (segments.equals(List.of("version"))) {
            String[] parts = KUBERNETES_VERSION.substring(1).split("\\.");
            return json(200, json.objectNode().put("major", parts[0]).put("minor", parts[1])
                    .put("gitVersion", KUBERNETES_VERSION).put("platform", "linux/amd64"));
        }
        if (segments.equals(List.of("openapi", "v2"))) {
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", OpenApiDocument.PROTOBUF)
                    .setBody(OpenApiDocument.protobuf(KUBERNETES_VERSION));
        }
        if (segments.equals(List.of("api"))) {
            ObjectNode versions = json.objectNode().put("kind", "APIVersions");
            versions.putArray("versions").add("v1");
            return json(200, versions);
        }
        if (segments.equals(List.of("apis"))) {
            ObjectNode list = json.objectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
            ArrayNode groups = list.putArray("groups");
            groupVersions().forEach((group, versions) -> groups.add(apiGroup(group, versions)));
            return json(200, list);
        }
        if (segments.size() == 2 && segments.get(0).equals("apis")) {
            List<String> versions = groupVersions().get(segments.get(1));
            return versions == null ? ApiStatus.notFound("groups", segments.get(1)).toResponse()
                    : json(200, apiGroup(segments.get(1), versions));
        }
        boolean core = segments.size() == 2 && segments.get(0).equals("api");
        boolean named = segments.size() == 3 && segments.get(0).equals("apis");
        if (core || named) {
            String group = core ? "" : segments.get(1);
            String version = segments.get(segments.size() - 1);
            ObjectNode resources = apiResources(group, version);
            if (resources.path("resources").isEmpty()) {
                return ApiStatus.notFound("groupversions", group + "/" + version).toResponse();
            }
            return json(200, resources);
        }
        return new ApiStatus(404, "NotFound", "the server could not find the requested resource", null, null,
                List.of()).toResponse();
    }

    private ObjectNode apiResources(String group, String version) {
        ObjectNode list = JsonNodeFactory.instance.objectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = list.putArray("resources");
        for (BuiltInResources.Resource resource : BuiltInResources.inGroupVersion(group, version)) {
            addResource(resources, resource.plural(), resource.kind(), resource.namespaced(), resource.hasStatus());
        }
        for (JsonNode crd : customResourceDefinitions()) {
            JsonNode spec = crd.path("spec");
            if (spec.path("group").asText().equals(group)) {
                for (JsonNode served : spec.path("versions")) {
                    if (served.path("name").asText().equals(version) && served.path("served").asBoolean(true)) {
                        addResource(resources, spec.path("names").path("plural").asText(),
                                spec.path("names").path("kind").asText(),
                                "Namespaced".equals(spec.path("scope").asText()),
                                served.path("subresources").has("status"));
                    }
                }
            }
        }
        return list;
    }

    private static void addResource(ArrayNode resources, String plural, String kind, boolean namespaced,
            boolean hasStatus) {
        ObjectNode resource = resources.addObject().put("name", plural).put("singularName", kind.toLowerCase(Locale.ROOT))
                .put("namespaced", namespaced).put("kind", kind);
        resource.putArray("verbs").add("create").add("delete").add("deletecollection").add("get").add("list")
                .add("patch").add("update").add("watch");
        if (hasStatus) {
            ObjectNode status = resources.addObject().put("name", plural + "/status").put("singularName", "")
                    .put("namespaced", namespaced).put("kind", kind);
            status.putArray("verbs").add("get").add("patch").add("update");
        }
    }

    private static ObjectNode apiGroup(String group, List<String> versions) {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("kind", "APIGroup").put("apiVersion", "v1")
                .put("name", group);
        ArrayNode list = json.putArray("versions");
        versions.forEach(v -> list.addObject().put("groupVersion", group + "/" + v).put("version", v));
        json.putObject("preferredVersion").put("groupVersion", group + "/" + versions.get(0))
                .put("version", versions.get(0));
        return json;
    }

    /** Built-in groups and those of the CustomResourceDefinitions stored, with their served versions. */
    private Map<String, List<String>> groupVersions() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        BuiltInResources.groups().forEach(group -> groups.put(group, BuiltInResources.versions(group)));
        for (JsonNode crd : customResourceDefinitions()) {
            String group = crd.path("spec").path("group").asText();
            for (JsonNode version : crd.path("spec").path("versions")) {
                List<String> versions = groups.computeIfAbsent(group, g -> new ArrayList<>());
                if (version.path("served").asBoolean(true) && !versions.contains(version.path("name").asText())) {
                    if (version.path("storage").asBoolean(false)) {
                        versions.add(0, version.path("name").asText());
                    } else {
                        versions.add(version.path("name").asText());
                    }
                }
            }
        }
        return groups;
    }

    private JsonNode customResourceDefinitions() {
        return parseAny(store.handleGet(CRDS).getBody().readUtf8()).path("items");
    }

    private static String manager(ApiPath path, RecordedRequest request) {
        String manager = path.query().get("fieldManager");
        if (manager != null && !manager.isEmpty()) {
            return manager;
        }
        String userAgent = request.getHeader("User-Agent");
        return userAgent == null || userAgent.isBlank() ? "unknown" : userAgent.split("/")[0];
    }

    private static JsonNode jsonPatch(JsonNode patch, ObjectNode current) {
        try {
            return JsonPatch.apply(patch, current);
        } catch (RuntimeException e) {
            throw new ApiStatus(422, "Invalid", "the JSON patch cannot be applied: " + e.getMessage(), null, null,
                    List.of());
        }
    }

    private static ObjectNode parse(String body, ObjectMapper mapper) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            throw ApiStatus.badRequest("the body of the request cannot be decoded: " + e.getOriginalMessage());
        }
        throw ApiStatus.badRequest("the body of the request is not an object");
    }

    private static JsonNode parseAny(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiStatus.badRequest("the body of the request cannot be decoded: " + e.getOriginalMessage());
        }
    }

    private static MockResponse json(int code, JsonNode body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody(body.toString());
    }

    private static String abbreviated(JsonNode object) {
        String text = object.toString();
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }

    private static String randomSuffix() {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            suffix.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return suffix.toString();
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
