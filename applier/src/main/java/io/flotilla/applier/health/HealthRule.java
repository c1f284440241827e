package io.flotilla.applier.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** The health of one kind of object, read from the object as the cluster holds it. */
public interface HealthRule {

    Health of(JsonNode live);

    /** The generation the kind's controller has seen is the one last written: otherwise its status is stale. */
    static boolean observed(JsonNode live) {
        long generation = live.path("metadata").path("generation").asLong(0);
        return live.path("status").path("observedGeneration").asLong(-1) >= generation;
    }

    /** The condition of that type whose status is {@code True}, or a missing node. */
    static JsonNode trueCondition(JsonNode live, String type) {
        for (JsonNode condition : live.path("status").path("conditions")) {
            if (type.equals(condition.path("type").asText()) && "True".equals(condition.path("status").asText())) {
                return condition;
            }
        }
        return MissingNode.getInstance();
    }
}
