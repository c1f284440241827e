package io.flotilla.applier.kafka;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Topics of their own, and a fleet reconciled every 2 seconds, due releases looked for every 200 ms and failed ones
 * retried after 500 ms: what takes minutes in production takes seconds here.
 */
public class ReconcileProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("flotilla.topic-prefix", "flotilla-reconcile.", "flotilla.reconcile.interval", "2s",
                "flotilla.reconcile.tick", "200ms", "flotilla.reconcile.retry.initial", "500ms");
    }
}
