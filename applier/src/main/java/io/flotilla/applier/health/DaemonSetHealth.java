package io.flotilla.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/** A DaemonSet is healthy once its controller saw the last change and every scheduled pod is updated and available. */
final class DaemonSetHealth implements HealthRule {

    @Override
    public Health of(JsonNode live) {
        JsonNode status = live.path("status");
        return ReplicaRollout.of(live, status.path("desiredNumberScheduled").asInt(0),
                status.path("updatedNumberScheduled").asInt(0), status.path("numberAvailable").asInt(0),
                "scheduled pods");
    }
}
