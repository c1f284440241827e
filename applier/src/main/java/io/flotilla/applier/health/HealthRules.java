package io.flotilla.applier.health;

import java.util.Map;
import java.util.Optional;

import io.flotilla.events.ObjectRef;

/** The health rule of each kind that has one; every other kind is healthy once applied. */
public final class HealthRules {

    private static final Map<String, HealthRule> BY_KIND = Map.of(
            "apps/Deployment", new DeploymentHealth(),
            "apps/StatefulSet", new StatefulSetHealth(),
            "apps/DaemonSet", new DaemonSetHealth(),
            "batch/Job", new JobHealth(),
            "/PersistentVolumeClaim", new PersistentVolumeClaimHealth());

    private HealthRules() {
    }

    public static Optional<HealthRule> of(String apiVersion, String kind) {
        return Optional.ofNullable(BY_KIND.get(ObjectRef.groupOf(apiVersion) + "/" + kind));
    }
}
