package io.flotilla.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/** A StatefulSet is healthy once its controller saw the last change and every replica is updated and available. */
final class StatefulSetHealth implements HealthRule {

    @Override
    public Health of(JsonNode live) {
        JsonNode status = live.path("status");
        return ReplicaRollout.of(live, live.path("spec").path("replicas").asInt(1),
                status.path("updatedReplicas").asInt(0),
                status.path("availableReplicas").asInt(status.path("readyReplicas").asInt(0)), "replicas");
    }
}
