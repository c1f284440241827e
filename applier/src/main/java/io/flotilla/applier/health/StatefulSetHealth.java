package io.flotilla.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/** A StatefulSet is healthy once its controller saw the last change and every replica is updated and available. */
final class StatefulSetHealth implements HealthRule {

    @Override
    public Health of(JsonNode live) {
        if (!HealthRule.observed(live)) {
            return Health.progressing("the controller has not observed generation "
                    + live.path("metadata").path("generation").asLong());
        }
        JsonNode status = live.path("status");
        int wanted = live.path("spec").path("replicas").asInt(1);
        if (!"OnDelete".equals(live.path("spec").path("updateStrategy").path("type").asText())
                && status.path("updatedReplicas").asInt(0) < wanted) {
            return Health.progressing(status.path("updatedReplicas").asInt(0) + " of " + wanted + " replicas updated");
        }
        int available = status.path("availableReplicas").asInt(status.path("readyReplicas").asInt(0));
        if (available < wanted) {
            return Health.progressing(available + " of " + wanted + " replicas available");
        }
        return Health.HEALTHY;
    }
}
