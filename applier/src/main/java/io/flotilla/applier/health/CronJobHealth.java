package io.flotilla.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CronJob is healthy once created: its Jobs come on its schedule, each with a health of its own. One whose
 * {@code spec.suspend} is set schedules nothing and is suspended.
 */
final class CronJobHealth implements HealthRule {

    @Override
    public Health of(JsonNode live) {
        if (live.path("spec").path("suspend").asBoolean(false)) {
            return Health.suspended("spec.suspend is true: no Job is scheduled");
        }
        return Health.HEALTHY;
    }
}
