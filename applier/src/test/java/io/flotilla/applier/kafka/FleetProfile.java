package io.flotilla.applier.kafka;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Topics of their own for tests of the fleet at runtime and rollouts in waves, and the quick reconciles of
 * {@link ReconcileProfile}: due releases and held renderings looked at every 200 ms.
 */
public class FleetProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("flotilla.topic-prefix", "flotilla-fleet.", "flotilla.reconcile.interval", "2s",
                "flotilla.reconcile.tick", "200ms", "flotilla.reconcile.retry.initial", "500ms");
    }
}
