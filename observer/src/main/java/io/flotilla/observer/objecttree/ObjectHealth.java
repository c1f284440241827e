package io.flotilla.observer.objecttree;

import java.time.Instant;
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
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;

/**
 * How healthy a watched object is, one rule per kind: a workload when its replicas are ready, a Pod when it runs and is
 * ready (or ran to completion), and why not otherwise. A Job and a CronJob say what they did as Argo CD and
 * {@code kubectl get} show it: a Job complete, running (with its failures against its backoff limit), failed with the
 * reason or suspended; a CronJob suspended, or when it last scheduled a Job, how many run and whether the last one
 * succeeded.
 */
public final class ObjectHealth {

    public static final String HEALTHY = "Healthy";
    public static final String PROGRESSING = "Progressing";
    public static final String DEGRADED = "Degraded";
    public static final String COMPLETED = "Completed";
    /** A Job or CronJob whose {@code spec.suspend} holds it: nothing runs until someone resumes it. */
    public static final String SUSPENDED = "Suspended";
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
            "Pod", object -> pod((Pod) object),
            "Job", object -> job((Job) object),
            "CronJob", object -> cronJob((CronJob) object));

    /** What the API server defaults a Job's {@code spec.backoffLimit} to. */
    private static final int BACKOFF_LIMIT = 6;

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

    /**
     * As the Job controller's conditions say: Failed (with its reason, such as BackoffLimitExceeded or
     * DeadlineExceeded), Complete, Suspended; running otherwise, with its failures so far against its backoff limit.
     */
    private static Verdict job(Job job) {
        var status = job.getStatus();
        List<JobCondition> conditions = status == null || status.getConditions() == null ? List.of()
                : status.getConditions();
        int succeeded = status == null || status.getSucceeded() == null ? 0 : status.getSucceeded();
        int failed = status == null || status.getFailed() == null ? 0 : status.getFailed();
        int active = status == null || status.getActive() == null ? 0 : status.getActive();
        Integer completionsAsked = job.getSpec() == null ? null : job.getSpec().getCompletions();
        int completions = completionsAsked == null ? 1 : completionsAsked;
        Integer limitAsked = job.getSpec() == null ? null : job.getSpec().getBackoffLimit();
        int backoffLimit = limitAsked == null ? BACKOFF_LIMIT : limitAsked;
        Optional<JobCondition> failedCondition = trueCondition(conditions, "Failed");
        if (failedCondition.isPresent()) {
            JobCondition condition = failedCondition.get();
            return new Verdict(DEGRADED, "failed: " + condition.getReason()
                    + (condition.getMessage() == null ? "" : ": " + condition.getMessage()) + " (" + failed
                    + " pod" + (failed == 1 ? "" : "s") + " failed, backoff limit " + backoffLimit + ")");
        }
        if (trueCondition(conditions, "Complete").isPresent()) {
            return new Verdict(COMPLETED, "complete: " + succeeded + " of " + completions + " succeeded");
        }
        if (trueCondition(conditions, "Suspended").isPresent()
                || job.getSpec() != null && Boolean.TRUE.equals(job.getSpec().getSuspend())) {
            return new Verdict(SUSPENDED, "suspended: " + succeeded + " of " + completions + " succeeded");
        }
        String running = "running: " + active + " active, " + succeeded + " of " + completions + " succeeded";
        if (failed > 0) {
            running += ", " + failed + " failed of backoff limit " + backoffLimit
                    + (active == 0 ? ", waiting out the backoff before the next try" : "");
        }
        return new Verdict(PROGRESSING, running);
    }

    /**
     * Suspended when its spec says so; otherwise when it last scheduled a Job and whether the last one succeeded: a
     * Job scheduled since the last success that no longer runs did not succeed.
     */
    private static Verdict cronJob(CronJob cronJob) {
        var spec = cronJob.getSpec();
        var status = cronJob.getStatus();
        String schedule = spec == null ? "" : "schedule " + spec.getSchedule();
        String lastSchedule = status == null ? null : status.getLastScheduleTime();
        String lastSuccess = status == null ? null : status.getLastSuccessfulTime();
        int active = status == null || status.getActive() == null ? 0 : status.getActive().size();
        String said = schedule + (lastSchedule == null ? ", never scheduled yet" : ", last scheduled " + lastSchedule)
                + ", " + active + " active";
        if (spec != null && Boolean.TRUE.equals(spec.getSuspend())) {
            return new Verdict(SUSPENDED, "suspended: " + said);
        }
        if (lastSchedule != null && active == 0
                && (lastSuccess == null || Instant.parse(lastSchedule).isAfter(Instant.parse(lastSuccess)))) {
            return new Verdict(DEGRADED, "its last Job did not succeed: " + said
                    + (lastSuccess == null ? ", never succeeded" : ", last succeeded " + lastSuccess));
        }
        if (lastSuccess == null && active > 0) {
            return new Verdict(PROGRESSING, "running its first Job: " + said);
        }
        return new Verdict(HEALTHY, said + (lastSuccess == null ? "" : ", last succeeded " + lastSuccess));
    }

    private static Optional<JobCondition> trueCondition(List<JobCondition> conditions, String type) {
        return conditions.stream().filter(condition -> type.equals(condition.getType())
                && "True".equals(condition.getStatus())).findFirst();
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
