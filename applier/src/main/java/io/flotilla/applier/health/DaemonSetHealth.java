package io.flotilla.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/** A DaemonSet is healthy once its controller saw the last change and every scheduled pod is updated and available. */
final class DaemonSetHealth implements HealthRule {

    @Override
    public Health of(JsonNode live) {
        if (!HealthRule.observed(live)) {
            return Health.progressing("the controller has not observed generation "
                    + live.path("metadata").path("generation").asLong());
        }
        JsonNode status = live.path("status");
        int wanted = status.path("desiredNumberScheduled").asInt(0);
        int updated = status.path("updatedNumberScheduled").asInt(0);
        int available = status.path("numberAvailable").asInt(0);
        if (!"OnDelete".equals(live.path("spec").path("updateStrategy").path("type").asText()) && updated < wanted) {
            return Health.progressing(updated + " of " + wanted + " scheduled pods updated");
        }
        if (available < wanted) {
            return Health.progressing(available + " of " + wanted + " scheduled pods available");
        }
        return Health.HEALTHY;
    }
}
