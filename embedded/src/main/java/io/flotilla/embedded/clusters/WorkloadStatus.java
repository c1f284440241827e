package io.flotilla.embedded.clusters;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The status a healthy cluster's controllers give an object once they have acted on it: a workload rolled out with
 * every replica updated, ready and available, a Job completed (or, suspended, not started), a Pod running and ready (or, when it runs to
 * completion, succeeded), a LoadBalancer Service and an Ingress given an address, an autoscaler scaling, an
 * APIService available. A simulated cluster runs no controllers, so it writes this status right after each change of
 * such an object, as a real cluster reaches it a little later. One method per controller, found by apiVersion and
 * kind.
 */
final class WorkloadStatus {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Where a local ingress controller, bound to the loopback interface, serves every Ingress. */
    private static final String INGRESS_ADDRESS = "127.0.0.1";

    private static final Map<String, BiFunction<JsonNode, String, ObjectNode>> CONTROLLERS = Map.ofEntries(
            Map.entry("apps/v1/Deployment", WorkloadStatus::deployment),
            Map.entry("apps/v1/ReplicaSet", WorkloadStatus::replicaSet),
            Map.entry("apps/v1/StatefulSet", WorkloadStatus::statefulSet),
            Map.entry("apps/v1/DaemonSet", WorkloadStatus::daemonSet),
            Map.entry("batch/v1/Job", WorkloadStatus::job),
            Map.entry("v1/Pod", WorkloadStatus::pod),
            Map.entry("v1/Service", WorkloadStatus::service),
            Map.entry("networking.k8s.io/v1/Ingress", WorkloadStatus::ingress),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", WorkloadStatus::autoscalerV2),
            Map.entry("autoscaling/v1/HorizontalPodAutoscaler", WorkloadStatus::autoscalerV1),
            Map.entry("apiregistration.k8s.io/v1/APIService", WorkloadStatus::apiService));

    private WorkloadStatus() {
    }

    /** The status {@code object}'s controller gives it, or empty when no controller reports on it. */
    static Optional<ObjectNode> rolledOut(JsonNode object, String time) {
        var controller = CONTROLLERS.get(object.path("apiVersion").asText() + "/" + object.path("kind").asText());
        return controller == null ? Optional.empty() : Optional.ofNullable(controller.apply(object, time));
    }

    private static ObjectNode deployment(JsonNode object, String time) {
        ObjectNode status = replicas(object).put("updatedReplicas", replicasOf(object));
        ArrayNode conditions = status.putArray("conditions");
        condition(conditions, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.",
                time).put("lastUpdateTime", time);
        condition(conditions, "Progressing", "True", "NewReplicaSetAvailable", "ReplicaSet \""
                + object.path("metadata").path("name").asText() + "\" has successfully progressed.", time)
                .put("lastUpdateTime", time);
        return status;
    }

    private static ObjectNode replicaSet(JsonNode object, String time) {
        return replicas(object);
    }

    private static ObjectNode statefulSet(JsonNode object, String time) {
        return replicas(object).put("updatedReplicas", replicasOf(object)).put("currentReplicas", replicasOf(object));
    }

    /** Every replica ready and available, the current generation observed. */
    private static ObjectNode replicas(JsonNode object) {
        int replicas = replicasOf(object);
        return observed(object).put("replicas", replicas).put("readyReplicas", replicas)
                .put("availableReplicas", replicas);
    }

    private static int replicasOf(JsonNode object) {
        return object.path("spec").path("replicas").asInt(1);
    }

    /** The simulated cluster has one node, so a DaemonSet runs one pod. */
    private static ObjectNode daemonSet(JsonNode object, String time) {
        return observed(object).put("currentNumberScheduled", 1).put("desiredNumberScheduled", 1)
                .put("numberMisscheduled", 0).put("numberReady", 1).put("updatedNumberScheduled", 1)
                .put("numberAvailable", 1);
    }

    /**
     * As the Job controller of Kubernetes 1.31 writes it: a suspended Job starts nothing and says so; any other
     * completes, first meeting its success criteria, then complete (both conditions, since 1.31), with no count of
     * active Pods, which the API leaves out at zero.
     */
    private static ObjectNode job(JsonNode object, String time) {
        if (object.path("spec").path("suspend").asBoolean(false)) {
            ObjectNode suspended = JSON.objectNode();
            condition(suspended.putArray("conditions"), "Suspended", "True", "JobSuspended", "Job suspended", time)
                    .put("lastProbeTime", time);
            return suspended;
        }
        ObjectNode status = JSON.objectNode().put("startTime", time).put("completionTime", time)
                .put("succeeded", object.path("spec").path("completions").asInt(1)).put("ready", 0)
                .put("terminating", 0);
        status.putObject("uncountedTerminatedPods");
        ArrayNode conditions = status.putArray("conditions");
        for (String type : new String[] {"SuccessCriteriaMet", "Complete"}) {
            condition(conditions, type, "True", "CompletionsReached", "Reached expected number of succeeded pods",
                    time).put("lastProbeTime", time);
        }
        return status;
    }

    /**
     * A Pod that runs for good is running and ready, each container started; one that runs to completion
     * ({@code restartPolicy} Never or OnFailure) has succeeded, each container terminated with exit code 0.
     */
    private static ObjectNode pod(JsonNode object, String time) {
        boolean completes = !"Always".equals(object.path("spec").path("restartPolicy").asText("Always"));
        String started = object.path("status").path("startTime").asText(time);
        ObjectNode status = JSON.objectNode().put("phase", completes ? "Succeeded" : "Running")
                .put("hostIP", "172.18.0.2").put("podIP", "10.244.0." + hostNumber(object)).put("startTime", started)
                .put("qosClass", "BestEffort");
        ArrayNode conditions = status.putArray("conditions");
        condition(conditions, "PodScheduled", "True", null, null, started);
        condition(conditions, "Initialized", "True", null, null, started);
        for (String type : new String[] {"ContainersReady", "Ready"}) {
            condition(conditions, type, completes ? "False" : "True", completes ? "PodCompleted" : null, "", started);
        }
        ArrayNode containers = status.putArray("containerStatuses");
        for (JsonNode container : object.path("spec").path("containers")) {
            ObjectNode state = JSON.objectNode();
            if (completes) {
                state.putObject("terminated").put("exitCode", 0).put("reason", "Completed").put("startedAt", started)
                        .put("finishedAt", started);
            } else {
                state.putObject("running").put("startedAt", started);
            }
            containers.addObject().put("name", container.path("name").asText())
                    .put("image", container.path("image").asText()).put("ready", !completes)
                    .put("started", !completes).put("restartCount", 0).set("state", state);
        }
        return status;
    }

    /**
     * A LoadBalancer Service gets an address of its own on the loopback network, as a local load balancer gives
     * (the same one every time, as a real one keeps it); other Services have nothing a controller reports.
     */
    private static ObjectNode service(JsonNode object, String time) {
        if (!"LoadBalancer".equals(object.path("spec").path("type").asText())) {
            return null;
        }
        return loadBalancedAt("127.0.0." + hostNumber(object));
    }

    private static ObjectNode ingress(JsonNode object, String time) {
        return loadBalancedAt(INGRESS_ADDRESS);
    }

    private static ObjectNode loadBalancedAt(String ip) {
        ObjectNode status = JSON.objectNode();
        status.putObject("loadBalancer").putArray("ingress").addObject().put("ip", ip).put("ipMode", "VIP");
        return status;
    }

    /** 2 to 254, the same for the same object: the host part of an address the cluster gives it. */
    private static int hostNumber(JsonNode object) {
        JsonNode metadata = object.path("metadata");
        String identity = metadata.path("namespace").asText() + "/" + metadata.path("name").asText();
        return 2 + Math.floorMod(identity.hashCode(), 253);
    }

    /** Scaling at its minimum, its metrics found; the cluster has no load to scale up for. */
    private static ObjectNode autoscalerV2(JsonNode object, String time) {
        ObjectNode status = autoscalerV1(object, time);
        ArrayNode conditions = status.putArray("conditions");
        condition(conditions, "AbleToScale", "True", "ReadyForNewScale", "recommended size matches current size",
                time);
        condition(conditions, "ScalingActive", "True", "ValidMetricFound",
                "the HPA was able to successfully calculate a replica count from its metrics", time);
        condition(conditions, "ScalingLimited", "False", "DesiredWithinRange",
                "the desired count is within the acceptable range", time);
        return status;
    }

    /** autoscaling/v1 has no conditions in its status (the API server keeps them in an annotation). */
    private static ObjectNode autoscalerV1(JsonNode object, String time) {
        int replicas = Math.max(1, object.path("spec").path("minReplicas").asInt(1));
        return observed(object).put("currentReplicas", replicas).put("desiredReplicas", replicas);
    }

    /** A local APIService (no service behind it) is served by the API server itself. */
    private static ObjectNode apiService(JsonNode object, String time) {
        boolean local = object.path("spec").path("service").isMissingNode()
                || object.path("spec").path("service").isNull();
        ObjectNode status = JSON.objectNode();
        condition(status.putArray("conditions"), "Available", "True", local ? "Local" : "Passed",
                local ? "Local APIServices are always available" : "all checks passed", time);
        return status;
    }

    private static ObjectNode observed(JsonNode object) {
        return JSON.objectNode().put("observedGeneration", object.path("metadata").path("generation").asLong(1));
    }

    /** A condition; {@code reason} null leaves out reason and message. */
    private static ObjectNode condition(ArrayNode conditions, String type, String status, String reason,
            String message, String time) {
        ObjectNode condition = conditions.addObject().put("type", type).put("status", status)
                .put("lastTransitionTime", time);
        if (reason != null) {
            condition.put("reason", reason).put("message", message);
        }
        return condition;
    }
}
