package io.flotilla.embedded.clusters;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.mockwebserver.http.MockResponse;
import io.flotilla.embedded.clusters.wire.ApiPath;
import io.flotilla.embedded.clusters.wire.JsonBodies;
import io.flotilla.embedded.clusters.wire.Timestamps;

/**
 * The status a cluster's controllers write once an object is stored: a workload rolled out
 * ({@link WorkloadStatus}), a CustomResourceDefinition established. Nothing runs in a simulated cluster, so the
 * status follows each write at once.
 */
final class ControllerStatus {

    private final ObjectStore store;
    private volatile boolean rolloutAutomatically = true;

    ControllerStatus(ObjectStore store) {
        this.store = store;
    }

    void rolloutAutomatically(boolean automatically) {
        rolloutAutomatically = automatically;
    }

    /**
     * After a workload is written, its controller's status follows, as the next write on the object; the client
     * gets the answer to its own write, without that status, as from a real server.
     */
    MockResponse afterWrite(ApiPath path, MockResponse written) {
        if (written.code() >= 300 || !rolloutAutomatically) {
            return written;
        }
        String body = written.getBody().readUtf8();
        written.setBody(body);
        ObjectNode object = JsonBodies.object(body);
        WorkloadStatus.rolledOut(object, Timestamps.now()).ifPresent(status -> {
            if (!status.equals(object.get("status"))) {
                ObjectNode withStatus = object.deepCopy();
                withStatus.set("status", status);
                ((ObjectNode) withStatus.get("metadata")).remove("resourceVersion");
                store.replace(path.objectPath(object.path("metadata").path("name").asText()) + "/status", withStatus);
            }
        });
        return written;
    }

    /**
     * The status the API server gives a CustomResourceDefinition it accepted: its names taken, its kind served, its
     * storage version recorded. Clients that wait for a definition before using it (Helm, for the CRDs of a chart)
     * wait for this.
     */
    static ObjectNode established(JsonNode spec) {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.set("acceptedNames", spec.path("names").deepCopy());
        ArrayNode conditions = status.putArray("conditions");
        for (String type : List.of("NamesAccepted", "Established")) {
            conditions.addObject().put("type", type).put("status", "True").put("lastTransitionTime", Timestamps.now())
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
}
