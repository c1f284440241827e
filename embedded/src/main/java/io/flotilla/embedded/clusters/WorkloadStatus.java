package io.flotilla.embedded.clusters;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The status a healthy cluster's controllers give a workload once it has rolled out: every replica updated, ready
 * and available, the current generation observed; a Job has completed. A simulated cluster runs no pods, so it
 * writes this status right after each change of a workload, as a real cluster reaches it a little later.
 */
final class WorkloadStatus {

    private WorkloadStatus() {
    }

    /** The rolled-out status of {@code object}, or empty when it is not a workload a controller reports on. */
    static Optional<ObjectNode> rolledOut(JsonNode object, String time) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        JsonNode spec = object.path("spec");
        long generation = object.path("metadata").path("generation").asLong(1);
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (apiVersion.equals("apps/v1") && (kind.equals("Deployment") || kind.equals("ReplicaSet")
                || kind.equals("StatefulSet"))) {
            int replicas = spec.path("replicas").asInt(1);
            ObjectNode status = json.objectNode().put("observedGeneration", generation).put("replicas", replicas)
                    .put("readyReplicas", replicas).put("availableReplicas", replicas);
            if (!kind.equals("ReplicaSet")) {
                status.put("updatedReplicas", replicas);
            }
            if (kind.equals("StatefulSet")) {
                status.put("currentReplicas", replicas);
            }
            if (kind.equals("Deployment")) {
                ArrayNode conditions = status.putArray("conditions");
                condition(conditions, "Available", "MinimumReplicasAvailable", "Deployment has minimum availability.",
                        time);
                condition(conditions, "Progressing", "NewReplicaSetAvailable", "ReplicaSet \""
                        + object.path("metadata").path("name").asText() + "\" has successfully progressed.", time);
            }
            return Optional.of(status);
        }
        if (apiVersion.equals("apps/v1") && kind.equals("DaemonSet")) {
            return Optional.of(json.objectNode().put("observedGeneration", generation)
                    .put("currentNumberScheduled", 1).put("desiredNumberScheduled", 1).put("numberMisscheduled", 0)
                    .put("numberReady", 1).put("updatedNumberScheduled", 1).put("numberAvailable", 1));
        }
        if (apiVersion.equals("batch/v1") && kind.equals("Job")) {
            int completions = spec.path("completions").asInt(1);
            ObjectNode status = json.objectNode().put("startTime", time).put("completionTime", time)
                    .put("succeeded", completions).put("ready", 0).put("active", 0);
            condition(status.putArray("conditions"), "Complete", null, null, time);
            return Optional.of(status);
        }
        return Optional.empty();
    }

    private static void condition(ArrayNode conditions, String type, String reason, String message, String time) {
        ObjectNode condition = conditions.addObject().put("type", type).put("status", "True")
                .put("lastTransitionTime", time);
        if (reason != null) {
            condition.put("lastUpdateTime", time).put("reason", reason).put("message", message);
        }
    }
}
