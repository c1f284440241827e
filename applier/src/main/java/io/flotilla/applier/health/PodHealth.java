package io.flotilla.applier.health;

import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Pod that runs for good ({@code restartPolicy: Always}, the default) is healthy once Ready; one that runs to
 * completion ({@code Never}, {@code OnFailure}) once it Succeeded. A Pod that failed, or whose container cannot
 * start for a reason waiting does not mend (its image cannot be pulled, it crashes in a loop), is degraded.
 */
final class PodHealth implements HealthRule {

    /** Reasons a container waits that a retry by the kubelet does not mend. */
    private static final Set<String> STUCK = Set.of("CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull",
            "InvalidImageName", "CreateContainerConfigError", "CreateContainerError", "RunContainerError");

    @Override
    public Health of(JsonNode live) {
        JsonNode status = live.path("status");
        String phase = status.path("phase").asText("Pending");
        if (phase.equals("Succeeded")) {
            return Health.HEALTHY;
        }
        if (phase.equals("Failed")) {
            return Health.degraded("phase Failed " + status.path("reason").asText("") + ": "
                    + status.path("message").asText(""));
        }
        for (String statuses : new String[] {"initContainerStatuses", "containerStatuses"}) {
            for (JsonNode container : status.path(statuses)) {
                JsonNode waiting = container.path("state").path("waiting");
                if (STUCK.contains(waiting.path("reason").asText())) {
                    return Health.degraded("container " + container.path("name").asText() + " waiting "
                            + waiting.path("reason").asText() + ": " + waiting.path("message").asText(""));
                }
            }
        }
        if (!phase.equals("Running")) {
            return Health.progressing("phase " + phase + Condition.of(live, "PodScheduled").filter(Condition::isFalse)
                    .map(unscheduled -> ", " + unscheduled).orElse(""));
        }
        if (!"Always".equals(live.path("spec").path("restartPolicy").asText("Always"))) {
            return Health.progressing("running, not completed yet");
        }
        Optional<Condition> ready = Condition.of(live, "Ready");
        if (ready.filter(Condition::isTrue).isPresent()) {
            return Health.HEALTHY;
        }
        return Health.progressing(ready.map(Condition::toString).orElse("running, no Ready condition yet"));
    }
}
