package io.flotilla.applier.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.flotilla.applier.health.Health.State;

/** Each kind's rule, read from the object as a cluster would hold it. */
class HealthRulesTest {

    @Test
    void aDeploymentWhoseControllerHasNotSeenTheChangeIsProgressing() {
        assertThat(health("apps/v1", "Deployment", """
                {"metadata": {"generation": 2}, "spec": {"replicas": 1},
                 "status": {"observedGeneration": 1, "updatedReplicas": 1, "replicas": 1, "availableReplicas": 1}}"""))
                .isEqualTo(Health.progressing("the controller has not observed generation 2"));
    }

    @Test
    void aDeploymentIsHealthyWhenEveryReplicaIsUpdatedAndAvailable() {
        assertThat(health("apps/v1", "Deployment", """
                {"metadata": {"generation": 2}, "spec": {"replicas": 3},
                 "status": {"observedGeneration": 2, "updatedReplicas": 3, "replicas": 3, "availableReplicas": 2}}"""))
                .isEqualTo(Health.progressing("2 of 3 updated replicas available"));
        assertThat(health("apps/v1", "Deployment", """
                {"metadata": {"generation": 2}, "spec": {"replicas": 3},
                 "status": {"observedGeneration": 2, "updatedReplicas": 3, "replicas": 3, "availableReplicas": 3}}"""))
                .isEqualTo(Health.HEALTHY);
    }

    @Test
    void aDeploymentPastItsProgressDeadlineHasFailed() {
        Health health = health("apps/v1", "Deployment", """
                {"metadata": {"generation": 1}, "spec": {"replicas": 1},
                 "status": {"observedGeneration": 1, "conditions": [{"type": "Progressing", "status": "False",
                   "reason": "ProgressDeadlineExceeded", "message": "ReplicaSet \\"web-1\\" has timed out progressing."}]}}""");

        assertThat(health).isEqualTo(Health.degraded(
                "Progressing=False ProgressDeadlineExceeded: ReplicaSet \"web-1\" has timed out progressing."));
    }

    @Test
    void aStatefulSetWaitsForUpdatedAndAvailableReplicas() {
        assertThat(health("apps/v1", "StatefulSet", """
                {"metadata": {"generation": 1}, "spec": {"replicas": 2},
                 "status": {"observedGeneration": 1, "updatedReplicas": 1, "availableReplicas": 1}}"""))
                .isEqualTo(Health.progressing("1 of 2 replicas updated"));
        assertThat(health("apps/v1", "StatefulSet", """
                {"metadata": {"generation": 1}, "spec": {"replicas": 2},
                 "status": {"observedGeneration": 1, "updatedReplicas": 2, "availableReplicas": 2}}"""))
                .isEqualTo(Health.HEALTHY);
    }

    @Test
    void aDaemonSetWaitsForEveryScheduledPodUpdatedAndAvailable() {
        assertThat(health("apps/v1", "DaemonSet", """
                {"metadata": {"generation": 1},
                 "status": {"observedGeneration": 1, "desiredNumberScheduled": 3, "updatedNumberScheduled": 3,
                   "numberAvailable": 1}}"""))
                .isEqualTo(Health.progressing("1 of 3 scheduled pods available"));
        assertThat(health("apps/v1", "DaemonSet", """
                {"metadata": {"generation": 1},
                 "status": {"observedGeneration": 1, "desiredNumberScheduled": 3, "updatedNumberScheduled": 3,
                   "numberAvailable": 3}}"""))
                .isEqualTo(Health.HEALTHY);
    }

    @Test
    void aJobIsHealthyWhenCompleteAndFailedWhenItFailed() {
        assertThat(health("batch/v1", "Job", """
                {"spec": {"completions": 1}, "status": {"active": 1}}"""))
                .isEqualTo(Health.progressing("0 of 1 completions"));
        assertThat(health("batch/v1", "Job", """
                {"status": {"conditions": [{"type": "Complete", "status": "True"}]}}"""))
                .isEqualTo(Health.HEALTHY);
        assertThat(health("batch/v1", "Job", """
                {"status": {"conditions": [{"type": "Failed", "status": "True", "reason": "BackoffLimitExceeded",
                   "message": "Job has reached the specified backoff limit"}]}}"""))
                .isEqualTo(Health.degraded("Failed=True BackoffLimitExceeded: Job has reached the specified backoff limit"));
    }

    @Test
    void aClaimIsHealthyOnceBound() {
        assertThat(health("v1", "PersistentVolumeClaim", "{\"status\": {\"phase\": \"Pending\"}}").state())
                .isEqualTo(State.PROGRESSING);
        assertThat(health("v1", "PersistentVolumeClaim", "{\"status\": {\"phase\": \"Bound\"}}"))
                .isEqualTo(Health.HEALTHY);
        assertThat(health("v1", "PersistentVolumeClaim", "{\"status\": {\"phase\": \"Lost\"}}").state())
                .isEqualTo(State.DEGRADED);
    }

    @Test
    void kindsWithoutARuleAreNotWaitedFor() {
        assertThat(HealthRules.of("v1", "ConfigMap")).isEmpty();
        assertThat(HealthRules.of("example.com/v1", "Deployment")).isEmpty();
        assertThat(health("v1", "ConfigMap", "{}")).isEqualTo(Health.UNKNOWN);
    }

    @Test
    void everyVersionOfAKindSharesItsRule() {
        assertThat(HealthRules.of("autoscaling/v1", "HorizontalPodAutoscaler"))
                .containsSame(HealthRules.of("autoscaling/v2", "HorizontalPodAutoscaler").orElseThrow());
    }

    private static Health health(String apiVersion, String kind, String live) {
        return LiveObject.health(apiVersion, kind, live);
    }
}
