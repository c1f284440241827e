package io.flotilla.applier.health;

import static io.flotilla.applier.Manifests.configMap;
import static io.flotilla.applier.Manifests.deployment;
import static io.flotilla.applier.Manifests.job;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.applier.Manifests;
import io.flotilla.embedded.clusters.SimulatedCluster;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ReleaseOptions;

/** Waiting on a simulated cluster whose workloads roll out only when the test, playing the controller, says so. */
class HealthWaitTest {

    private static SimulatedCluster cluster;
    private static KubernetesClient client;
    private static final Runnable NOBODY = () -> { };

    private final HealthWait wait = new HealthWait(Duration.ofMillis(100));

    @BeforeAll
    static void startCluster() {
        cluster = SimulatedCluster.start("dev", Map.of()).rolloutAutomatically(false);
        client = cluster.client();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void aKustomizationWithoutWaitWaitsOnlyForItsHealthChecksWhichNeedNotBeAmongWhatItApplied() {
        ObjectRef web = new ObjectRef("apps/v1", "Deployment", "shop", "web");
        ObjectRef settings = new ObjectRef("v1", "ConfigMap", "shop", "settings");
        ObjectRef ingress = new ObjectRef("apps/v1", "Deployment", "ingress", "controller");
        ReleaseOptions healthChecks = ReleaseOptions.builder().waitForAll(false).healthChecks(List.of(ingress)).build();

        assertThat(HealthWait.toWaitFor(List.of(web, settings), healthChecks)).containsExactly(ingress);
        assertThat(HealthWait.toWaitFor(List.of(web, settings), healthChecks.toBuilder().healthChecks(List.of())
                .build())).isEmpty();
        assertThat(HealthWait.toWaitFor(List.of(web, settings), healthChecks.toBuilder().waitForAll(true).build()))
                .containsExactly(web, settings, ingress);
        assertThat(HealthWait.toWaitFor(List.of(web, settings), ReleaseOptions.DEFAULTS)).containsExactly(web, settings);
    }

    @Test
    void aRolloutThatNeverFinishesFailsAtTheTimeoutNamingTheObjectAndItsCondition() {
        ObjectRef web = write(deployment("stuck", 2));

        assertThat(wait.await(client, List.of(web), Duration.ofSeconds(1), NOBODY)).contains("not healthy within 1s: "
                + "Deployment default/stuck: the controller has not observed generation 1");
    }

    @Test
    void aDeploymentThatRolledOutIsHealthy() {
        ObjectRef web = write(deployment("rolled", 2));
        Deployment live = client.apps().deployments().withName("rolled").get();
        live.setStatus(new DeploymentStatusBuilder().withObservedGeneration(1L).withReplicas(2).withUpdatedReplicas(2)
                .withAvailableReplicas(2).withReadyReplicas(2).build());
        client.resource(live).updateStatus();

        assertThat(wait.await(client, List.of(web, write(configMap("plain", null, Map.of()))), Duration.ofSeconds(5), NOBODY))
                .isEmpty();
    }

    @Test
    void onlyWhatIsNotHealthyAtTheFirstLookIsWaitedForAndSaidToBe() {
        ObjectRef ready = write(deployment("ready-at-once", 1));
        Deployment live = client.apps().deployments().withName("ready-at-once").get();
        live.setStatus(new DeploymentStatusBuilder().withObservedGeneration(1L).withReplicas(1).withUpdatedReplicas(1)
                .withAvailableReplicas(1).withReadyReplicas(1).build());
        client.resource(live).updateStatus();
        ObjectRef pending = write(deployment("pending", 1));
        AtomicInteger waits = new AtomicInteger();

        assertThat(wait.await(client, List.of(ready), Duration.ofSeconds(5), waits::incrementAndGet)).isEmpty();
        assertThat(waits).hasValue(0);
        assertThat(wait.await(client, List.of(pending), Duration.ofSeconds(1), waits::incrementAndGet)).isPresent();
        assertThat(waits).hasValue(1);
    }

    @Test
    void theApplyAnswerIsTheFirstLookSoWhatItShowsHealthyIsNotReadAgainAndWhatItShowsProgressingIs() {
        ObjectRef rolled = write(deployment("answered-rolled", 1));
        Deployment live = client.apps().deployments().withName("answered-rolled").get();
        live.setStatus(new DeploymentStatusBuilder().withObservedGeneration(1L).withReplicas(1).withUpdatedReplicas(1)
                .withAvailableReplicas(1).withReadyReplicas(1).build());
        Deployment answer = client.resource(live).updateStatus();
        ObjectRef pending = write(deployment("answered-pending", 1));
        Deployment pendingAnswer = client.apps().deployments().withName("answered-pending").get();

        long rolledBefore = reads("answered-rolled");
        long pendingBefore = reads("answered-pending");
        assertThat(wait.await(client, List.of(rolled), Map.of(rolled, answer), Duration.ofSeconds(5), NOBODY))
                .isEmpty();
        assertThat(reads("answered-rolled")).as("reads of a Deployment the answer showed rolled out")
                .isEqualTo(rolledBefore);

        assertThat(wait.await(client, List.of(pending), Map.of(pending, pendingAnswer), Duration.ofSeconds(1),
                NOBODY)).contains("not healthy within 1s: Deployment default/answered-pending: the controller has not"
                        + " observed generation 1");
        assertThat(reads("answered-pending")).as("reads of a Deployment the answer showed progressing")
                .isGreaterThan(pendingBefore);
    }

    /** GETs of the named objects the cluster received so far. */
    private static long reads(String namePrefix) {
        return cluster.receivedRequests().stream().filter(request -> request.method().equals("GET")
                && request.path().contains("/deployments/" + namePrefix)).count();
    }

    @Test
    void aJobThatFailedFailsAtOnceWithItsCondition() {
        ObjectRef migrate = write(job("migrate"));
        Job live = client.batch().v1().jobs().withName("migrate").get();
        live.setStatus(new JobStatusBuilder().withFailed(1).withConditions(new JobConditionBuilder()
                .withType("Failed").withStatus("True").withReason("BackoffLimitExceeded")
                .withMessage("Job has reached the specified backoff limit").build()).build());
        client.resource(live).updateStatus();

        assertThat(wait.await(client, List.of(migrate), Duration.ofMinutes(5), NOBODY)).contains("Job default/migrate: "
                + "Failed=True BackoffLimitExceeded: Job has reached the specified backoff limit");
    }

    @Test
    void aStatefulSetIsWaitedForUntilItsControllerReportsEveryReplicaUpdatedAndAvailable() {
        ObjectRef db = write(workload("apps/v1", "StatefulSet", "db", 3));
        assertThat(wait.await(client, List.of(db), Duration.ofSeconds(1), NOBODY)).contains("not healthy within 1s: "
                + "StatefulSet default/db: the controller has not observed generation 1");

        StatefulSet live = client.apps().statefulSets().withName("db").get();
        live.setStatus(new StatefulSetStatusBuilder().withObservedGeneration(1L).withReplicas(3).withUpdatedReplicas(3)
                .withReadyReplicas(2).withAvailableReplicas(2).build());
        client.resource(live).updateStatus();
        assertThat(wait.await(client, List.of(db), Duration.ofSeconds(1), NOBODY)).contains("not healthy within 1s: "
                + "StatefulSet default/db: 2 of 3 replicas available");

        live = client.apps().statefulSets().withName("db").get();
        live.getStatus().setAvailableReplicas(3);
        live.getStatus().setReadyReplicas(3);
        client.resource(live).updateStatus();
        assertThat(wait.await(client, List.of(db), Duration.ofSeconds(5), NOBODY)).isEmpty();
    }

    @Test
    void aDaemonSetIsWaitedForUntilEveryScheduledPodIsUpdatedAndAvailable() {
        ObjectRef agent = write(workload("apps/v1", "DaemonSet", "agent", 0));
        DaemonSet live = client.apps().daemonSets().withName("agent").get();
        live.setStatus(new DaemonSetStatusBuilder().withObservedGeneration(1L).withDesiredNumberScheduled(2)
                .withCurrentNumberScheduled(2).withUpdatedNumberScheduled(1).withNumberAvailable(1).withNumberReady(1)
                .withNumberMisscheduled(0).build());
        client.resource(live).updateStatus();
        assertThat(wait.await(client, List.of(agent), Duration.ofSeconds(1), NOBODY)).contains("not healthy within 1s: "
                + "DaemonSet default/agent: 1 of 2 scheduled pods updated");

        live = client.apps().daemonSets().withName("agent").get();
        live.getStatus().setUpdatedNumberScheduled(2);
        live.getStatus().setNumberAvailable(2);
        client.resource(live).updateStatus();
        assertThat(wait.await(client, List.of(agent), Duration.ofSeconds(5), NOBODY)).isEmpty();
    }

    @Test
    void aClaimIsWaitedForUntilBoundAndALostOneFailsAtOnce() {
        ObjectRef data = write(claim("data"));
        assertThat(wait.await(client, List.of(data), Duration.ofSeconds(1), NOBODY)).contains("not healthy within 1s: "
                + "PersistentVolumeClaim default/data: phase Pending, not bound to a volume yet");

        setClaimPhase("data", "Bound");
        assertThat(wait.await(client, List.of(data), Duration.ofSeconds(5), NOBODY)).isEmpty();

        ObjectRef scratch = write(claim("scratch"));
        setClaimPhase("scratch", "Lost");
        assertThat(wait.await(client, List.of(scratch), Duration.ofMinutes(5), NOBODY)).contains(
                "PersistentVolumeClaim default/scratch: phase Lost: its volume is gone");
    }

    @Test
    void anObjectNotOnTheClusterIsWaitedForUntilTheTimeout() {
        ObjectRef ghost = new ObjectRef("apps/v1", "Deployment", "default", "ghost");

        assertThat(wait.await(client, List.of(ghost), Duration.ofSeconds(1), NOBODY)).contains("not healthy within 1s: "
                + "Deployment default/ghost: not found on the cluster");
    }

    @Test
    void aSuspendedCronJobIsNotWaitedFor() {
        Map<String, Object> nightly = Manifests.object("batch/v1", "CronJob", "nightly", null);
        nightly.put("spec", Map.of("schedule", "0 3 * * *", "suspend", true, "jobTemplate", Map.of("spec",
                Map.of("template", Map.of("spec", Map.of("restartPolicy", "Never",
                        "containers", List.of(Map.of("name", "report", "image", "busybox:1.36"))))))));

        assertThat(wait.await(client, List.of(write(nightly)), Duration.ofMinutes(5), NOBODY)).isEmpty();
    }

    @Test
    void aPodWhoseImageCannotBePulledFailsAtOnceNamingItsContainer() {
        Map<String, Object> pod = Manifests.object("v1", "Pod", "web-pod", null);
        pod.put("spec", Map.of("containers", List.of(Map.of("name", "web", "image", "web:nope"))));
        ObjectRef web = write(pod);
        Pod live = client.pods().withName("web-pod").get();
        live.setStatus(new PodStatusBuilder().withPhase("Pending").withContainerStatuses(new ContainerStatusBuilder()
                .withName("web").withNewState().withNewWaiting().withReason("ImagePullBackOff")
                .withMessage("Back-off pulling image \"web:nope\"").endWaiting().endState().build()).build());
        client.resource(live).updateStatus();

        assertThat(wait.await(client, List.of(web), Duration.ofMinutes(5), NOBODY)).contains("Pod default/web-pod: "
                + "container web waiting ImagePullBackOff: Back-off pulling image \"web:nope\"");
    }

    private static void setClaimPhase(String name, String phase) {
        PersistentVolumeClaim live = client.persistentVolumeClaims().withName(name).get();
        live.setStatus(new PersistentVolumeClaimStatusBuilder().withPhase(phase).build());
        client.resource(live).updateStatus();
    }

    /** A StatefulSet or DaemonSet (replicas left out when 0) running one container. */
    private static Map<String, Object> workload(String apiVersion, String kind, String name, int replicas) {
        Map<String, Object> object = Manifests.object(apiVersion, kind, name, null);
        Map<String, Object> spec = new HashMap<>(Map.of(
                "selector", Map.of("matchLabels", Map.of("app", name)),
                "template", Map.of("metadata", Map.of("labels", Map.of("app", name)),
                        "spec", Map.of("containers", List.of(Map.of("name", name, "image", "busybox:1.36"))))));
        if (replicas > 0) {
            spec.put("replicas", replicas);
            spec.put("serviceName", name);
        }
        object.put("spec", spec);
        return object;
    }

    private static Map<String, Object> claim(String name) {
        Map<String, Object> object = Manifests.object("v1", "PersistentVolumeClaim", name, null);
        object.put("spec", Map.of("accessModes", List.of("ReadWriteOnce"),
                "resources", Map.of("requests", Map.of("storage", "1Gi"))));
        return object;
    }

    private static ObjectRef write(Map<String, Object> rendered) {
        GenericKubernetesResource object = client.getKubernetesSerialization().convertValue(rendered,
                GenericKubernetesResource.class);
        object.getMetadata().setNamespace("default");
        client.resource(object).fieldManager("flotilla").forceConflicts().serverSideApply();
        return new ObjectRef(object.getApiVersion(), object.getKind(), "default", object.getMetadata().getName());
    }
}
