package io.flotilla.applier.health;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A HorizontalPodAutoscaler is healthy once it can scale its target (AbleToScale) and computes replicas from its
 * metrics (ScalingActive). One that cannot reach its target is degraded; one whose target was scaled to zero is
 * suspended; one still without metrics is progressing, as metrics often come a little after the autoscaler.
 * Serves autoscaling/v2, where the conditions are in the status, and autoscaling/v1, where the API server keeps
 * them in an annotation (without it, an autoscaler that observed its last change is taken as scaling).
 */
final class HorizontalPodAutoscalerHealth implements HealthRule {

    private static final String V1_CONDITIONS = "autoscaling.alpha.kubernetes.io/conditions";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Health of(JsonNode live) {
        List<Condition> conditions = conditions(live);
        Optional<Condition> ableToScale = Condition.find(conditions, "AbleToScale");
        Optional<Condition> scalingActive = Condition.find(conditions, "ScalingActive");
        if (ableToScale.filter(Condition::isFalse).isPresent()) {
            return Health.degraded(ableToScale.get().toString());
        }
        if (scalingActive.filter(Condition::isFalse).isPresent()) {
            return "ScalingDisabled".equals(scalingActive.get().reason())
                    ? Health.suspended(scalingActive.get().toString())
                    : Health.progressing(scalingActive.get().toString());
        }
        if (ableToScale.isPresent() && scalingActive.isPresent()
                || conditions.isEmpty() && HealthRule.observed(live)) {
            return Health.HEALTHY;
        }
        return Health.progressing("the autoscaler has not computed a scale yet");
    }

    private static List<Condition> conditions(JsonNode live) {
        JsonNode inStatus = live.path("status").path("conditions");
        if (!inStatus.isMissingNode()) {
            return Condition.all(inStatus);
        }
        String annotated = live.path("metadata").path("annotations").path(V1_CONDITIONS).asText("");
        if (annotated.isEmpty()) {
            return List.of();
        }
        try {
            return Condition.all(JSON.readTree(annotated));
        } catch (JsonProcessingException e) {
            // Written by the API server, never by hand: unreadable means unknown, as if not written yet.
            return List.of();
        }
    }
}
