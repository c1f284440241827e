package io.flotilla.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/** Where a load balancer or ingress controller writes the address it serves an object at. */
final class LoadBalancerAddress {

    private LoadBalancerAddress() {
    }

    /** Whether {@code status.loadBalancer.ingress} holds an IP or a host name. */
    static boolean isAssigned(JsonNode live) {
        for (JsonNode ingress : live.path("status").path("loadBalancer").path("ingress")) {
            if (!ingress.path("ip").asText("").isEmpty() || !ingress.path("hostname").asText("").isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
