package io.flotilla.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Deployment is healthy once its controller saw the last change, every replica is updated and available and no
 * old one is left; past its progress deadline it is degraded.
 */
final class DeploymentHealth implements HealthRule {

    @Override
    public Health of(JsonNode live) {
        var deadlineExceeded = Condition.of(live, "Progressing")
                .filter(progressing -> "ProgressDeadlineExceeded".equals(progressing.reason()));
        if (deadlineExceeded.isPresent()) {
            return Health.degraded(deadlineExceeded.get().toString());
        }
        if (!HealthRule.observed(live)) {
            return ReplicaRollout.unobserved(live);
        }
        JsonNode status = live.path("status");
        int wanted = live.path("spec").path("replicas").asInt(1);
        int updated = status.path("updatedReplicas").asInt(0);
        int available = status.path("availableReplicas").asInt(0);
        if (updated < wanted) {
            return Health.progressing(updated + " of " + wanted + " replicas updated");
        }
        if (status.path("replicas").asInt(0) > updated) {
            return Health.progressing((status.path("replicas").asInt(0) - updated) + " old replicas pending termination");
        }
        if (available < wanted) {
            return Health.progressing(available + " of " + wanted + " updated replicas available");
        }
        return Health.HEALTHY;
    }
}
