package io.flotilla.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/** A Deployment is healthy once its controller saw the last change and every replica is updated and available. */
final class DeploymentHealth implements HealthRule {

    @Override
    public Health of(JsonNode live) {
        JsonNode status = live.path("status");
        for (JsonNode condition : status.path("conditions")) {
            if ("Progressing".equals(condition.path("type").asText())
                    && "ProgressDeadlineExceeded".equals(condition.path("reason").asText())) {
                return Health.failed("Progressing=False ProgressDeadlineExceeded: " + condition.path("message").asText());
            }
        }
        if (!HealthRule.observed(live)) {
            return Health.progressing("the controller has not observed generation "
                    + live.path("metadata").path("generation").asLong());
        }
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
