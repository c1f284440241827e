package io.flotilla.observer.objecttree;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * How healthy a watched object is, one rule per kind: a workload when its replicas are ready, a Pod when it runs and is
 * ready (or ran to completion), and why not otherwise.
 */
public final class ObjectHealth {

    public static final String HEALTHY = "Healthy";
    public static final String PROGRESSING = "Progressing";
    public static final String DEGRADED = "Degraded";
    public static final String COMPLETED = "Completed";
    /** A watched kind's object the release applied that is not on the cluster. */
    public static final String MISSING = "Missing";
    /** A watched kind's object on a cluster the observer knows nothing of yet. */
    public static final String UNKNOWN = "Unknown";

    /** Containers waiting for one of these reasons do not start by themselves. */
    private static final Set<String> STUCK = Set.of("CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull",
            "CreateContainerConfigError", "InvalidImageName");

    private record Verdict(String health, String reason) {
        static final Verdict OK = new Verdict(HEALTHY, null);
    }

    private static final Map<String, Function<HasMetadata, Verdict>> RULES = Map.of(
            "Deployment", object -> deployment((Deployment) object),
            "ReplicaSet", object -> replicaSet((ReplicaSet) object),
            "StatefulSet", object -> statefulSet((StatefulSet) object),
            "DaemonSet", object -> daemonSet((DaemonSet) object),
            "Pod", object -> pod((Pod) object));

    private ObjectHealth() {
    }

    /** Whether objects of this kind are watched and have a health. */
    public static boolean watched(String kind) {
        return RULES.containsKey(kind);
    }

    /** The object as the tree keeps it; its kind must be {@linkplain #watched watched}. */
    public static LiveObject of(HasMetadata object) {
        Verdict verdict = RULES.get(object.getKind()).apply(object);
        List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
        return new LiveObject(object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName(),
                object.getMetadata().getUid(), owners == null ? List.of()
                        : owners.stream().map(OwnerReference::getUid).filter(uid -> uid != null).toList(),
                verdict.health(), verdict.reason());
    }

    private static Verdict deployment(Deployment deployment) {
        var status = deployment.getStatus();
        Optional<Verdict> stalled = status == null || status.getConditions() == null ? Optional.empty()
                : status.getConditions().stream().filter(condition -> "Progressing".equals(condition.getType())
                        && "False".equals(condition.getStatus()))
                        .map(condition -> new Verdict(DEGRADED, condition.getReason() + ": " + condition.getMessage()))
                        .findFirst();
        if (stalled.isPresent()) {
            return stalled.get();
        }
        int desired = desired(deployment.getSpec() == null ? null : deployment.getSpec().getReplicas());
        return replicas(desired, status == null ? null : status.getUpdatedReplicas(),
                status == null ? null : status.getReadyReplicas(), "updated");
    }

    private static Verdict replicaSet(ReplicaSet replicaSet) {
        var status = replicaSet.getStatus();
        int desired = desired(replicaSet.getSpec() == null ? null : replicaSet.getSpec().getReplicas());
        return replicas(desired, desired, status == null ? null : status.getReadyReplicas(), null);
    }

    private static Verdict statefulSet(StatefulSet statefulSet) {
        var status = statefulSet.getStatus();
        int desired = desired(statefulSet.getSpec() == null ? null : statefulSet.getSpec().getReplicas());
        return replicas(desired, status == null || status.getUpdatedReplicas() == null ? desired
                : status.getUpdatedReplicas(), status == null ? null : status.getReadyReplicas(), "updated");
    }

    private static Verdict daemonSet(DaemonSet daemonSet) {
        var status = daemonSet.getStatus();
        int desired = status == null || status.getDesiredNumberScheduled() == null ? 0
                : status.getDesiredNumberScheduled();
        return replicas(desired, status == null || status.getUpdatedNumberScheduled() == null ? desired
                : status.getUpdatedNumberScheduled(), status == null ? null : status.getNumberReady(), "updated");
    }

    private static Verdict pod(Pod pod) {
        var status = pod.getStatus();
        String phase = status == null || status.getPhase() == null ? "Pending" : status.getPhase();
        if ("Succeeded".equals(phase)) {
            return new Verdict(COMPLETED, null);
        }
        if ("Failed".equals(phase)) {
            return new Verdict(DEGRADED, status.getReason() == null ? "the pod failed"
                    : status.getReason() + ": " + status.getMessage());
        }
        Optional<Verdict> stuck = status == null ? Optional.empty()
                : Stream.concat(containers(status.getInitContainerStatuses()),
                        containers(status.getContainerStatuses()))
                        .filter(container -> container.getState() != null && container.getState().getWaiting() != null
                                && STUCK.contains(container.getState().getWaiting().getReason()))
                        .map(container -> new Verdict(DEGRADED, "container " + container.getName() + ": "
                                + container.getState().getWaiting().getReason()
                                + (container.getState().getWaiting().getMessage() == null ? ""
                                        : ": " + container.getState().getWaiting().getMessage())))
                        .findFirst();
        if (stuck.isPresent()) {
            return stuck.get();
        }
        boolean ready = status != null && status.getConditions() != null && status.getConditions().stream()
                .anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
        return "Running".equals(phase) && ready ? Verdict.OK
                : new Verdict(PROGRESSING, "Running".equals(phase) ? "running, not ready" : phase.toLowerCase());
    }

    /** Without replicas in its spec, the API server runs one. */
    private static int desired(Integer replicas) {
        return replicas == null ? 1 : replicas;
    }

    private static Verdict replicas(int desired, Integer updated, Integer ready, String updatedWord) {
        int readyCount = ready == null ? 0 : ready;
        int updatedCount = updated == null ? 0 : updated;
        if (readyCount >= desired && updatedCount >= desired) {
            return Verdict.OK;
        }
        String reason = readyCount + " of " + desired + " ready";
        if (updatedWord != null && updatedCount < desired) {
            reason += ", " + updatedCount + " " + updatedWord;
        }
        return new Verdict(PROGRESSING, reason);
    }

    private static Stream<ContainerStatus> containers(List<ContainerStatus> statuses) {
        return statuses == null ? Stream.empty() : statuses.stream();
    }
}
