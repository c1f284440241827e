package io.flotilla.embedded.clusters;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flotilla.embedded.clusters.wire.ApiPath;

/**
 * A Secret's {@code stringData} as a real API server keeps it: written into {@code data} in base64 (a key of both
 * takes the {@code stringData} value) and never stored itself, so that a read, kubectl and Flotilla's drift checks see
 * what a real cluster shows.
 */
final class SecretStringData {

    private SecretStringData() {
    }

    static void mergeIntoData(ApiPath path, ObjectNode object) {
        if (!path.group().isEmpty() || !"secrets".equals(path.resource()) || !object.has("stringData")) {
            return;
        }
        JsonNode stringData = object.remove("stringData");
        if (!stringData.isObject() || stringData.isEmpty()) {
            return;
        }
        ObjectNode data = object.path("data").isObject() ? (ObjectNode) object.get("data") : object.putObject("data");
        stringData.fields().forEachRemaining(entry -> data.put(entry.getKey(), Base64.getEncoder()
                .encodeToString(entry.getValue().asText().getBytes(StandardCharsets.UTF_8))));
    }
}
