package io.flotilla.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/** A PersistentVolumeClaim is healthy once bound to a volume; a lost volume does not come back by waiting. */
final class PersistentVolumeClaimHealth implements HealthRule {

    @Override
    public Health of(JsonNode live) {
        String phase = live.path("status").path("phase").asText("Pending");
        return switch (phase) {
            case "Bound" -> Health.HEALTHY;
            case "Lost" -> Health.degraded("phase Lost: its volume is gone");
            default -> Health.progressing("phase " + phase + ", not bound to a volume yet");
        };
    }
}
