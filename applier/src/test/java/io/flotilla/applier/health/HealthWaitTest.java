package io.flotilla.applier.health;

import static io.flotilla.applier.Manifests.configMap;
import static io.flotilla.applier.Manifests.deployment;
import static io.flotilla.applier.Manifests.job;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.events.ObjectRef;
import io.flotilla.testing.clusters.SimulatedCluster;

/** Waiting on a simulated cluster whose workloads roll out only when the test, playing the controller, says so. */
class HealthWaitTest {

    private static SimulatedCluster cluster;
    private static KubernetesClient client;
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
    void aRolloutThatNeverFinishesFailsAtTheTimeoutNamingTheObjectAndItsCondition() {
        ObjectRef web = write(deployment("stuck", 2));

        assertThat(wait.await(client, List.of(web), Duration.ofSeconds(1))).contains("not healthy within 1s: "
                + "Deployment default/stuck: the controller has not observed generation 1");
    }

    @Test
    void aDeploymentThatRolledOutIsHealthy() {
        ObjectRef web = write(deployment("rolled", 2));
        Deployment live = client.apps().deployments().withName("rolled").get();
        live.setStatus(new DeploymentStatusBuilder().withObservedGeneration(1L).withReplicas(2).withUpdatedReplicas(2)
                .withAvailableReplicas(2).withReadyReplicas(2).build());
        client.resource(live).updateStatus();

        assertThat(wait.await(client, List.of(web, write(configMap("plain", null, Map.of()))), Duration.ofSeconds(5)))
                .isEmpty();
    }

    @Test
    void aJobThatFailedFailsAtOnceWithItsCondition() {
        ObjectRef migrate = write(job("migrate"));
        Job live = client.batch().v1().jobs().withName("migrate").get();
        live.setStatus(new JobStatusBuilder().withFailed(1).withConditions(new JobConditionBuilder()
                .withType("Failed").withStatus("True").withReason("BackoffLimitExceeded")
                .withMessage("Job has reached the specified backoff limit").build()).build());
        client.resource(live).updateStatus();

        assertThat(wait.await(client, List.of(migrate), Duration.ofMinutes(5))).contains("Job default/migrate: "
                + "Failed=True BackoffLimitExceeded: Job has reached the specified backoff limit");
    }

    private static ObjectRef write(Map<String, Object> rendered) {
        GenericKubernetesResource object = client.getKubernetesSerialization().convertValue(rendered,
                GenericKubernetesResource.class);
        object.getMetadata().setNamespace("default");
        client.resource(object).fieldManager("flotilla").forceConflicts().serverSideApply();
        return new ObjectRef(object.getApiVersion(), object.getKind(), "default", object.getMetadata().getName());
    }
}
