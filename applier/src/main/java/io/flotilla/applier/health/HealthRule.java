package io.flotilla.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The health of one kind of object, read from the object as the cluster holds it. One implementation per kind,
 * named {@code <Kind>Health} and listed in {@link HealthRules}.
 */
public interface HealthRule {

    Health of(JsonNode live);

    /** The generation the kind's controller has seen is the one last written: otherwise its status is stale. */
    static boolean observed(JsonNode live) {
        long generation = live.path("metadata").path("generation").asLong(0);
        return live.path("status").path("observedGeneration").asLong(-1) >= generation;
    }
}
