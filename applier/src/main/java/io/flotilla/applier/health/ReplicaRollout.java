package io.flotilla.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How far a workload's controller has rolled its replicas out, as a Deployment, StatefulSet or DaemonSet reports
 * it: a status is only worth reading once the controller has seen the last change.
 */
final class ReplicaRollout {

    private ReplicaRollout() {
    }

    static Health unobserved(JsonNode live) {
        return Health.progressing("the controller has not observed generation "
                + live.path("metadata").path("generation").asLong());
    }

    /**
     * Healthy once every wanted replica is updated (unless updates wait for pods to be deleted by hand) and
     * available; {@code units} names the replicas in the condition.
     */
    static Health of(JsonNode live, int wanted, int updated, int available, String units) {
        if (!HealthRule.observed(live)) {
            return unobserved(live);
        }
        if (!"OnDelete".equals(live.path("spec").path("updateStrategy").path("type").asText()) && updated < wanted) {
            return Health.progressing(updated + " of " + wanted + " " + units + " updated");
        }
        if (available < wanted) {
            return Health.progressing(available + " of " + wanted + " " + units + " available");
        }
        return Health.HEALTHY;
    }
}
