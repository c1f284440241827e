package io.flotilla.observer.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.flotilla.events.ClusterState;

/**
 * What the observer knows of one cluster, kept up to date object by object from its watches and read as a
 * {@link ClusterState}. Safe to update from the watch threads while a state is taken.
 */
public final class ClusterInventory {

    /** Pods whose containers wait for one of these reasons cannot start by themselves. */
    static final Set<String> STUCK_REASONS = Set.of("CrashLoopBackOff", "ImagePullBackOff");
    static final int WARNINGS_KEPT = 50;
    static final int SCALINGS_KEPT = 100;

    private final String cluster;
    private final Supplier<Instant> clock;
    private final Map<String, ClusterState.Node> nodes = new TreeMap<>();
    private final Map<String, ClusterState.Workload> workloads = new TreeMap<>();
    private final Map<String, ClusterState.Autoscaler> autoscalers = new TreeMap<>();
    private final Map<String, List<ClusterState.StuckPod>> stuckPods = new TreeMap<>();
    private final Map<String, ClusterState.Warning> warnings = new HashMap<>();
    private boolean reachable;
    private String kubernetesVersion;
    private List<String> apiVersions = List.of();
    private boolean changed = true;

    public ClusterInventory(String cluster, Supplier<Instant> clock) {
        this.cluster = cluster;
        this.clock = clock;
    }

    public String cluster() {
        return cluster;
    }

    public synchronized void reachable(boolean reachable) {
        if (this.reachable != reachable) {
            this.reachable = reachable;
            changed = true;
        }
    }

    /** What the cluster's API server says it is and serves, as last asked. */
    public synchronized void served(String kubernetesVersion, List<String> apiVersions) {
        if (!kubernetesVersion.equals(this.kubernetesVersion) || !apiVersions.equals(this.apiVersions)) {
            this.kubernetesVersion = kubernetesVersion;
            this.apiVersions = List.copyOf(apiVersions);
            changed = true;
        }
    }

    public synchronized void node(Node node) {
        Map<String, Boolean> conditions = new HashMap<>();
        List<NodeCondition> reported = node.getStatus() == null ? null : node.getStatus().getConditions();
        if (reported != null) {
            reported.forEach(condition -> conditions.put(condition.getType(), "True".equals(condition.getStatus())));
        }
        String kubelet = node.getStatus() == null || node.getStatus().getNodeInfo() == null ? null
                : node.getStatus().getNodeInfo().getKubeletVersion();
        put(nodes, node.getMetadata().getName(), new ClusterState.Node(node.getMetadata().getName(),
                conditions.getOrDefault("Ready", false), conditions.getOrDefault("MemoryPressure", false),
                conditions.getOrDefault("DiskPressure", false), conditions.getOrDefault("PIDPressure", false), kubelet,
                quantities(node.getStatus() == null ? null : node.getStatus().getCapacity()),
                quantities(node.getStatus() == null ? null : node.getStatus().getAllocatable())));
    }

    public synchronized void deployment(Deployment deployment) {
        var spec = deployment.getSpec();
        var status = deployment.getStatus();
        scaled(deployment, spec == null ? null : spec.getReplicas(), status == null ? null : status.getReadyReplicas(),
                status == null ? null : status.getAvailableReplicas());
    }

    public synchronized void statefulSet(StatefulSet statefulSet) {
        var spec = statefulSet.getSpec();
        var status = statefulSet.getStatus();
        scaled(statefulSet, spec == null ? null : spec.getReplicas(), status == null ? null : status.getReadyReplicas(),
                status == null ? null : status.getAvailableReplicas());
    }

    public synchronized void daemonSet(DaemonSet daemonSet) {
        var status = daemonSet.getStatus();
        int desired = status == null || status.getDesiredNumberScheduled() == null ? 0 : status.getDesiredNumberScheduled();
        workload(daemonSet, desired, status == null ? null : status.getNumberReady(),
                status == null ? null : status.getNumberAvailable());
    }

    /** Keeps the autoscaler's replicas and, when its desired count moved, the change with its time. */
    public synchronized void autoscaler(HorizontalPodAutoscaler hpa) {
        String key = key(hpa);
        var status = hpa.getStatus();
        int current = status == null || status.getCurrentReplicas() == null ? 0 : status.getCurrentReplicas();
        int desired = status == null || status.getDesiredReplicas() == null ? current : status.getDesiredReplicas();
        ClusterState.Autoscaler known = autoscalers.get(key);
        List<ClusterState.Scaling> scalings = new ArrayList<>(known == null ? List.of() : known.scalings());
        if (status != null && (scalings.isEmpty() || scalings.get(scalings.size() - 1).replicas() != desired)) {
            scalings.add(new ClusterState.Scaling(scaledAt(status.getLastScaleTime(), scalings), desired));
            if (scalings.size() > SCALINGS_KEPT) {
                scalings.remove(0);
            }
        }
        var target = hpa.getSpec() == null ? null : hpa.getSpec().getScaleTargetRef();
        put(autoscalers, key, new ClusterState.Autoscaler(hpa.getMetadata().getNamespace(), hpa.getMetadata().getName(),
                target == null ? null : target.getKind(), target == null ? null : target.getName(), current, desired,
                scalings));
    }

    public synchronized void pod(Pod pod) {
        List<ClusterState.StuckPod> stuck = new ArrayList<>();
        if (pod.getStatus() != null) {
            Stream.concat(statuses(pod.getStatus().getInitContainerStatuses()), statuses(pod.getStatus().getContainerStatuses()))
                    .filter(status -> status.getState() != null && status.getState().getWaiting() != null
                            && STUCK_REASONS.contains(status.getState().getWaiting().getReason()))
                    .forEach(status -> stuck.add(new ClusterState.StuckPod(pod.getMetadata().getNamespace(),
                            pod.getMetadata().getName(), status.getName(), status.getState().getWaiting().getReason(),
                            status.getState().getWaiting().getMessage())));
        }
        if (stuck.isEmpty()) {
            remove(stuckPods, key(pod));
        } else {
            put(stuckPods, key(pod), stuck);
        }
    }

    public synchronized void event(Event event) {
        if (!"Warning".equals(event.getType())) {
            return;
        }
        var involved = event.getInvolvedObject();
        String object = involved == null ? null : involved.getKind() + "/" + involved.getName();
        put(warnings, event.getMetadata().getUid() == null ? key(event) : event.getMetadata().getUid(),
                new ClusterState.Warning(event.getMetadata().getNamespace(), object, event.getReason(), event.getMessage(),
                        event.getCount() == null ? 1 : event.getCount(), lastSeen(event)));
        if (warnings.size() > WARNINGS_KEPT * 2) {
            // Only the recent ones are shown: older warnings leave memory rather than pile up for a busy cluster.
            warnings.entrySet().stream()
                    .sorted(Comparator.comparing(entry -> entry.getValue().lastSeen(), Comparator.nullsFirst(Comparator.naturalOrder())))
                    .limit(warnings.size() - WARNINGS_KEPT).map(Map.Entry::getKey).toList()
                    .forEach(warnings::remove);
        }
    }

    public synchronized void nodeGone(Node node) {
        remove(nodes, node.getMetadata().getName());
    }

    /** A Deployment, StatefulSet or DaemonSet was deleted. */
    public synchronized void workloadGone(HasMetadata workload) {
        remove(workloads, workload.getKind() + "/" + key(workload));
    }

    public synchronized void autoscalerGone(HorizontalPodAutoscaler hpa) {
        remove(autoscalers, key(hpa));
    }

    public synchronized void podGone(Pod pod) {
        remove(stuckPods, key(pod));
    }

    public synchronized void eventGone(Event event) {
        remove(warnings, event.getMetadata().getUid() == null ? key(event) : event.getMetadata().getUid());
    }

    /** The state as it is now, or null when nothing changed since the last state taken this way. */
    public synchronized ClusterState takeIfChanged() {
        if (!changed) {
            return null;
        }
        changed = false;
        return state();
    }

    public synchronized ClusterState state() {
        List<ClusterState.Node> nodeList = List.copyOf(nodes.values());
        List<ClusterState.Workload> workloadList = List.copyOf(workloads.values());
        List<ClusterState.Warning> recent = warnings.values().stream()
                .sorted(Comparator.comparing(ClusterState.Warning::lastSeen, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(WARNINGS_KEPT).toList();
        return new ClusterState(cluster, reachable, kubernetesVersion,
                (int) nodeList.stream().filter(ClusterState.Node::ready).count(), nodeList.size(),
                (int) workloadList.stream().filter(ClusterState.Workload::rolledOut).count(), workloadList.size(),
                clock.get(), nodeList, workloadList, List.copyOf(autoscalers.values()),
                stuckPods.values().stream().flatMap(List::stream).toList(), recent, apiVersions);
    }

    /** A Deployment or StatefulSet: without replicas in its spec, the API server runs one. */
    private void scaled(HasMetadata object, Integer replicas, Integer ready, Integer available) {
        workload(object, replicas == null ? 1 : replicas, ready, available);
    }

    private void workload(HasMetadata object, int desired, Integer ready, Integer available) {
        put(workloads, object.getKind() + "/" + key(object), new ClusterState.Workload(object.getKind(),
                object.getMetadata().getNamespace(), object.getMetadata().getName(), desired,
                ready == null ? 0 : ready, available == null ? 0 : available));
    }

    private <V> void put(Map<String, V> map, String key, V value) {
        if (!Objects.equals(map.put(key, value), value)) {
            changed = true;
        }
    }

    private void remove(Map<String, ?> map, String key) {
        if (map.remove(key) != null) {
            changed = true;
        }
    }

    private Instant scaledAt(String lastScaleTime, List<ClusterState.Scaling> earlier) {
        if (lastScaleTime != null) {
            Instant reported = Instant.parse(lastScaleTime);
            if (earlier.isEmpty() || reported.isAfter(earlier.get(earlier.size() - 1).at())) {
                return reported;
            }
        }
        return clock.get();
    }

    private static Instant lastSeen(Event event) {
        if (event.getLastTimestamp() != null) {
            return Instant.parse(event.getLastTimestamp());
        }
        if (event.getEventTime() != null && event.getEventTime().getTime() != null) {
            return Instant.parse(event.getEventTime().getTime());
        }
        return event.getMetadata().getCreationTimestamp() == null ? null
                : Instant.parse(event.getMetadata().getCreationTimestamp());
    }

    private static Stream<ContainerStatus> statuses(List<ContainerStatus> statuses) {
        return statuses == null ? Stream.empty() : statuses.stream();
    }

    private static Map<String, String> quantities(Map<String, Quantity> quantities) {
        Map<String, String> written = new LinkedHashMap<>();
        if (quantities != null) {
            new TreeMap<>(quantities).forEach((name, quantity) -> written.put(name, quantity.toString()));
        }
        return written;
    }

    private static String key(HasMetadata object) {
        return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }
}
