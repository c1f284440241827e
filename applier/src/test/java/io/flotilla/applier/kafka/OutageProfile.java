package io.flotilla.applier.kafka;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Topics of their own, so that records held for a cluster in one test class never reach another; requests that wait
 * a second for an answer time out.
 */
public class OutageProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("flotilla.topic-prefix", "flotilla-outage.", "flotilla.clusters.request-timeout", "1s");
    }
}
