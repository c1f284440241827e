package io.flotilla.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a cluster looks like now: reachable or not, its version and the API versions it serves, its nodes and
 * workloads, its autoscalers with their scaling history, pods that cannot start, and recent Warning events.
 * {@code apiVersions} lists what the cluster's discovery serves, as Helm's {@code .Capabilities.APIVersions}
 * holds it: each {@code group/version} and each {@code group/version/Kind} ({@code v1} and {@code v1/Pod} for the
 * core group); empty when unknown.
 */
public record ClusterState(
        String cluster,
        boolean reachable,
        String kubernetesVersion,
        int nodesReady,
        int nodesTotal,
        int workloadsReady,
        int workloadsTotal,
        Instant observedAt,
        List<Node> nodes,
        List<Workload> workloads,
        List<Autoscaler> autoscalers,
        List<StuckPod> stuckPods,
        List<Warning> warnings,
        List<String> apiVersions) implements Event {

    public ClusterState {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        workloads = workloads == null ? List.of() : List.copyOf(workloads);
        autoscalers = autoscalers == null ? List.of() : List.copyOf(autoscalers);
        stuckPods = stuckPods == null ? List.of() : List.copyOf(stuckPods);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        apiVersions = apiVersions == null ? List.of() : List.copyOf(apiVersions);
    }

    /** The counts alone, without the details of nodes, workloads and the rest. */
    public ClusterState(String cluster, boolean reachable, String kubernetesVersion, int nodesReady, int nodesTotal,
            int workloadsReady, int workloadsTotal, Instant observedAt) {
        this(cluster, reachable, kubernetesVersion, nodesReady, nodesTotal, workloadsReady, workloadsTotal, observedAt,
                null, null, null, null, null, null);
    }

    @Override
    public String key() {
        return cluster;
    }

    /** A node: Ready, the pressures its kubelet reports, and its resources (quantities as Kubernetes writes them). */
    public record Node(String name, boolean ready, boolean memoryPressure, boolean diskPressure, boolean pidPressure,
            String kubeletVersion, Map<String, String> capacity, Map<String, String> allocatable) {
    }

    /** A Deployment, StatefulSet or DaemonSet and how many of its replicas are desired, ready and available. */
    public record Workload(String kind, String namespace, String name, int desired, int ready, int available) {

        /** Every desired replica is ready and available. */
        public boolean rolledOut() {
            return ready >= desired && available >= desired;
        }
    }

    /** A HorizontalPodAutoscaler, what it scales, and every replica count it set, oldest first. */
    public record Autoscaler(String namespace, String name, String targetKind, String targetName, int currentReplicas,
            int desiredReplicas, List<Scaling> scalings) {

        public Autoscaler {
            scalings = scalings == null ? List.of() : List.copyOf(scalings);
        }
    }

    /** One change of an autoscaler's desired replicas and when the observer saw it. */
    public record Scaling(Instant at, int replicas) {
    }

    /** A pod whose container waits in CrashLoopBackOff or ImagePullBackOff. */
    public record StuckPod(String namespace, String name, String container, String reason, String message) {
    }

    /** A Warning event of the cluster. */
    public record Warning(String namespace, String object, String reason, String message, int count, Instant lastSeen) {
    }
}
