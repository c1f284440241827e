package io.flotilla.embedded.clusters.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.mockwebserver.http.MockResponse;
import io.flotilla.embedded.clusters.wire.ApiPath;
import io.flotilla.embedded.clusters.wire.ApiStatus;
import io.flotilla.embedded.clusters.wire.JsonBodies;

/**
 * What the API server says about itself, for clients to find their way: {@code /version}, the groups, versions
 * and resources it serves ({@code /api}, {@code /apis}, {@code /apis/<group>/<version>}...), built-in
 * ({@link BuiltInResources}) and from the CustomResourceDefinitions stored, and the OpenAPI document
 * ({@link OpenApiDocument}). A new endpoint of this kind is answered in {@link #answer(String)}.
 */
public final class Discovery {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Supplier<JsonNode> customResourceDefinitions;

    /** {@code customResourceDefinitions}: the CustomResourceDefinitions stored at the time of asking. */
    public Discovery(Supplier<JsonNode> customResourceDefinitions) {
        this.customResourceDefinitions = customResourceDefinitions;
    }

    /** The answer to a GET of a path that names no resource (see {@link ApiPath#parse(String)}). */
    public MockResponse answer(String rawPath) {
        String path = rawPath.split("\\?")[0].replaceAll("/+$", "");
        List<String> segments = List.of(path.split("/")).stream().filter(s -> !s.isEmpty()).toList();
        if (segments.isEmpty()) {
            ObjectNode root = JSON.objectNode();
            ArrayNode paths = root.putArray("paths").add("/api").add("/api/v1").add("/apis").add("/version");
            groupVersions().forEach((group, versions) -> versions.forEach(v -> paths.add("/apis/" + group + "/" + v)));
            return JsonBodies.response(200, root);
        }
        if (segments.equals(List.of("version"))) {
            String[] parts = BuiltInResources.KUBERNETES_VERSION.substring(1).split("\\.");
            return JsonBodies.response(200, JSON.objectNode().put("major", parts[0]).put("minor", parts[1])
                    .put("gitVersion", BuiltInResources.KUBERNETES_VERSION).put("platform", "linux/amd64"));
        }
        if (segments.equals(List.of("openapi", "v2"))) {
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", OpenApiDocument.PROTOBUF)
                    .setBody(OpenApiDocument.protobuf(BuiltInResources.KUBERNETES_VERSION));
        }
        if (segments.equals(List.of("api"))) {
            ObjectNode versions = JSON.objectNode().put("kind", "APIVersions");
            versions.putArray("versions").add("v1");
            return JsonBodies.response(200, versions);
        }
        if (segments.equals(List.of("apis"))) {
            ObjectNode list = JSON.objectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
            ArrayNode groups = list.putArray("groups");
            groupVersions().forEach((group, versions) -> groups.add(apiGroup(group, versions)));
            return JsonBodies.response(200, list);
        }
        if (segments.size() == 2 && segments.get(0).equals("apis")) {
            List<String> versions = groupVersions().get(segments.get(1));
            return versions == null ? ApiStatus.notFound("groups", segments.get(1)).toResponse()
                    : JsonBodies.response(200, apiGroup(segments.get(1), versions));
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
            return JsonBodies.response(200, resources);
        }
        return new ApiStatus(404, "NotFound", "the server could not find the requested resource", null, null,
                List.of()).toResponse();
    }

    /**
     * The kind of a list of the resource {@code path} names ({@code SecretList}), built-in or defined by a
     * CustomResourceDefinition; empty for a resource this server does not know.
     */
    public Optional<String> listKind(ApiPath path) {
        Optional<String> builtIn = BuiltInResources.find(path.group(), path.version(), path.resource())
                .map(resource -> resource.kind() + "List");
        if (builtIn.isPresent()) {
            return builtIn;
        }
        for (JsonNode crd : customResourceDefinitions.get()) {
            JsonNode spec = crd.path("spec");
            if (spec.path("group").asText().equals(path.group())
                    && spec.path("names").path("plural").asText().equals(path.resource())) {
                return Optional.of(spec.path("names").path("listKind").asText(spec.path("names").path("kind").asText()
                        + "List"));
            }
        }
        return Optional.empty();
    }

    private ObjectNode apiResources(String group, String version) {
        ObjectNode list = JSON.objectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = list.putArray("resources");
        for (BuiltInResources.Resource resource : BuiltInResources.inGroupVersion(group, version)) {
            addResource(resources, resource.plural(), resource.kind(), resource.namespaced(), resource.hasStatus(),
                    BuiltInResources.shortNames(resource.kind()));
        }
        for (JsonNode crd : customResourceDefinitions.get()) {
            JsonNode spec = crd.path("spec");
            if (spec.path("group").asText().equals(group)) {
                for (JsonNode served : spec.path("versions")) {
                    if (served.path("name").asText().equals(version) && served.path("served").asBoolean(true)) {
                        addResource(resources, spec.path("names").path("plural").asText(),
                                spec.path("names").path("kind").asText(),
                                "Namespaced".equals(spec.path("scope").asText()),
                                served.path("subresources").has("status"), texts(spec.path("names").path("shortNames")));
                    }
                }
            }
        }
        return list;
    }

    /** One resource as discovery lists it; kubectl finds a kind by its short names ({@code deploy}, {@code svc}) here. */
    private static void addResource(ArrayNode resources, String plural, String kind, boolean namespaced,
            boolean hasStatus, List<String> shortNames) {
        ObjectNode resource = resources.addObject().put("name", plural).put("singularName", kind.toLowerCase(Locale.ROOT))
                .put("namespaced", namespaced).put("kind", kind);
        if (!shortNames.isEmpty()) {
            shortNames.forEach(resource.putArray("shortNames")::add);
        }
        resource.putArray("verbs").add("create").add("delete").add("deletecollection").add("get").add("list")
                .add("patch").add("update").add("watch");
        if (hasStatus) {
            ObjectNode status = resources.addObject().put("name", plural + "/status").put("singularName", "")
                    .put("namespaced", namespaced).put("kind", kind);
            status.putArray("verbs").add("get").add("patch").add("update");
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(text -> texts.add(text.asText()));
        return texts;
    }

    private static ObjectNode apiGroup(String group, List<String> versions) {
        ObjectNode json = JSON.objectNode().put("kind", "APIGroup").put("apiVersion", "v1").put("name", group);
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
        for (JsonNode crd : customResourceDefinitions.get()) {
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
}
