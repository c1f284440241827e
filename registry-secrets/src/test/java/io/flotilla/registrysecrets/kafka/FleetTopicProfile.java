package io.flotilla.registrysecrets.kafka;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Topics of their own, so the clusters registered here reach no other test's application. */
public class FleetTopicProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("flotilla.topic-prefix", "flotilla-registry-fleet.");
    }
}
