package io.flotilla.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CustomResourceDefinition is healthy once Established: the API server serves its kind. Names another definition
 * already holds are not accepted, and waiting does not free them.
 */
final class CustomResourceDefinitionHealth implements HealthRule {

    @Override
    public Health of(JsonNode live) {
        var namesRefused = Condition.of(live, "NamesAccepted").filter(Condition::isFalse);
        if (namesRefused.isPresent()) {
            return Health.degraded(namesRefused.get().toString());
        }
        if (Condition.isTrue(live, "Established")) {
            return Health.HEALTHY;
        }
        return Health.progressing("not Established yet: the API server does not serve its kind");
    }
}
