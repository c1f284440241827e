package io.flotilla.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/** An Ingress is healthy once an ingress controller published the address it is served at. */
final class IngressHealth implements HealthRule {

    @Override
    public Health of(JsonNode live) {
        if (LoadBalancerAddress.isAssigned(live)) {
            return Health.HEALTHY;
        }
        return Health.progressing("no address from an ingress controller yet");
    }
}
