package io.flotilla.applier.health;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.events.ObjectRef;

/**
 * The health rule of each kind that has one, found by API group and kind (every version of a kind shares its rule).
 * Every other kind is {@link Health#UNKNOWN} and healthy once applied. A new rule is one line here.
 */
public final class HealthRules {

    private static final Map<String, HealthRule> BY_GROUP_KIND = Map.ofEntries(
            Map.entry("apps/Deployment", new DeploymentHealth()),
            Map.entry("apps/StatefulSet", new StatefulSetHealth()),
            Map.entry("apps/DaemonSet", new DaemonSetHealth()),
            Map.entry("batch/Job", new JobHealth()),
            Map.entry("batch/CronJob", new CronJobHealth()),
            Map.entry("/Pod", new PodHealth()),
            Map.entry("/Service", new ServiceHealth()),
            Map.entry("/PersistentVolumeClaim", new PersistentVolumeClaimHealth()),
            Map.entry("autoscaling/HorizontalPodAutoscaler", new HorizontalPodAutoscalerHealth()),
            Map.entry("networking.k8s.io/Ingress", new IngressHealth()),
            Map.entry("apiregistration.k8s.io/APIService", new APIServiceHealth()),
            Map.entry("apiextensions.k8s.io/CustomResourceDefinition", new CustomResourceDefinitionHealth()));

    private HealthRules() {
    }

    public static Optional<HealthRule> of(String apiVersion, String kind) {
        return Optional.ofNullable(BY_GROUP_KIND.get(ObjectRef.groupOf(apiVersion) + "/" + kind));
    }

    /** The health of {@code live} by its kind's rule, or {@link Health#UNKNOWN} when its kind has none. */
    public static Health health(String apiVersion, String kind, JsonNode live) {
        return of(apiVersion, kind).map(rule -> rule.of(live)).orElse(Health.UNKNOWN);
    }
}
