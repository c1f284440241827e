package io.flotilla.embedded.clusters;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.mockwebserver.http.MockResponse;
import io.flotilla.embedded.clusters.wire.ApiPath;
import io.flotilla.embedded.clusters.wire.ApiStatus;
import io.flotilla.embedded.clusters.wire.JsonBodies;
import io.flotilla.embedded.clusters.wire.WriteRequest;

/**
 * The {@code scale} subresource of Deployments, StatefulSets and ReplicaSets, as {@code kubectl scale} and an
 * autoscaler use it: reading it answers an {@code autoscaling/v1} {@code Scale} (spec and status replicas, the
 * selector as a string), writing it (a {@code Scale} put, or a merge or JSON patch of {@code spec.replicas}) sets the
 * workload's {@code spec.replicas} and answers the new {@code Scale}; a dry run stores nothing.
 */
final class ScaleSubresource {

    static final String NAME = "scale";
    private static final Set<String> SCALABLE = Set.of("deployments", "statefulsets", "replicasets");

    private final ObjectStore store;
    private final ControllerStatus controllers;

    ScaleSubresource(ObjectStore store, ControllerStatus controllers) {
        this.store = store;
        this.controllers = controllers;
    }

    static boolean names(ApiPath path) {
        return NAME.equals(path.subresource()) && SCALABLE.contains(path.resource());
    }

    MockResponse read(ApiPath path) {
        return JsonBodies.response(200, scaleOf(store.existing(path)));
    }

    MockResponse write(WriteRequest write) {
        ApiPath path = write.path();
        ObjectNode current = store.existing(path);
        int replicas = replicas(write.body(), current.path("spec").path("replicas").asInt(1));
        ObjectNode updated = current.deepCopy();
        updated.withObject("/spec").put("replicas", replicas);
        if (path.isDryRun()) {
            return JsonBodies.response(200, scaleOf(updated));
        }
        ((ObjectNode) updated.get("metadata")).remove("resourceVersion");
        String name = current.path("metadata").path("name").asText();
        MockResponse written = controllers.afterWrite(path, store.replace(path.objectPath(name), updated));
        if (written.code() >= 300) {
            return written;
        }
        return JsonBodies.response(200, scaleOf(store.existing(path)));
    }

    /** The replicas a {@code Scale} body, a merge patch or a JSON patch asks for. */
    private static int replicas(String body, int current) {
        JsonNode asked = JsonBodies.value(body);
        if (asked.isArray()) {
            for (JsonNode operation : asked) {
                if ("/spec/replicas".equals(operation.path("path").asText()) && operation.has("value")) {
                    return operation.path("value").asInt();
                }
            }
            return current;
        }
        JsonNode replicas = asked.path("spec").path("replicas");
        if (!replicas.isMissingNode() && !replicas.isInt()) {
            throw new ApiStatus(422, "Invalid", "spec.replicas: Invalid value: " + replicas + ": must be an integer",
                    null, null, List.of());
        }
        return replicas.isMissingNode() ? current : replicas.asInt();
    }

    private static ObjectNode scaleOf(ObjectNode workload) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode scale = json.objectNode().put("kind", "Scale").put("apiVersion", "autoscaling/v1");
        ObjectNode metadata = scale.putObject("metadata");
        JsonNode source = workload.path("metadata");
        for (String field : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            if (source.has(field)) {
                metadata.set(field, source.get(field));
            }
        }
        int replicas = workload.path("spec").path("replicas").asInt(1);
        scale.putObject("spec").put("replicas", replicas);
        scale.putObject("status").put("replicas", workload.path("status").path("replicas").asInt(0))
                .put("selector", selector(workload.path("spec").path("selector").path("matchLabels")));
        return scale;
    }

    private static String selector(JsonNode matchLabels) {
        StringJoiner labels = new StringJoiner(",");
        for (Iterator<Map.Entry<String, JsonNode>> fields = matchLabels.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> label = fields.next();
            labels.add(label.getKey() + "=" + label.getValue().asText());
        }
        return labels.toString();
    }
}
