package io.flotilla.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/** A Job is healthy once it completed; one that failed stays failed. */
final class JobHealth implements HealthRule {

    @Override
    public Health of(JsonNode live) {
        if (!HealthRule.trueCondition(live, "Complete").isMissingNode()) {
            return Health.HEALTHY;
        }
        JsonNode failed = HealthRule.trueCondition(live, "Failed");
        if (!failed.isMissingNode()) {
            return Health.failed("Failed=True " + failed.path("reason").asText("") + ": "
                    + failed.path("message").asText(""));
        }
        return Health.progressing(live.path("status").path("succeeded").asInt(0) + " of "
                + live.path("spec").path("completions").asInt(1) + " completions");
    }
}
