package io.flotilla.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An APIService is healthy once the aggregator reports it Available: the Service behind it answers. Until then it
 * is progressing, since the Service's pods may still be starting.
 */
final class APIServiceHealth implements HealthRule {

    @Override
    public Health of(JsonNode live) {
        return Condition.of(live, "Available")
                .map(available -> available.isTrue() ? Health.HEALTHY : Health.progressing(available.toString()))
                .orElseGet(() -> Health.progressing("no Available condition yet"));
    }
}
