package io.flotilla.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/** A Job is healthy once it completed; one that failed stays failed. */
final class JobHealth implements HealthRule {

    @Override
    public Health of(JsonNode live) {
        if (Condition.isTrue(live, "Complete")) {
            return Health.HEALTHY;
        }
        var failed = Condition.of(live, "Failed").filter(Condition::isTrue);
        if (failed.isPresent()) {
            return Health.degraded(failed.get().toString());
        }
        return Health.progressing(live.path("status").path("succeeded").asInt(0) + " of "
                + live.path("spec").path("completions").asInt(1) + " completions");
    }
}
