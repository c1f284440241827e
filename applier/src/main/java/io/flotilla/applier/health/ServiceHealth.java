package io.flotilla.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Service of type LoadBalancer is healthy once its load balancer gave it an ingress address; a Service of any
 * other type is healthy once created.
 */
final class ServiceHealth implements HealthRule {

    @Override
    public Health of(JsonNode live) {
        if (!"LoadBalancer".equals(live.path("spec").path("type").asText())
                || LoadBalancerAddress.isAssigned(live)) {
            return Health.HEALTHY;
        }
        return Health.progressing("type LoadBalancer, no ingress address from its load balancer yet");
    }
}
