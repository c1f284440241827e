package io.flotilla.applier.kafka;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Topics of their own, and the history looked at again for missed Ready releases only every 10 minutes: what wakes a
 * waiting release within a test is the applied topic, heard by every instance.
 */
public class TwoAppliersProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("flotilla.topic-prefix", "flotilla-two.", "flotilla.dependencies.recheck", "10m");
    }
}
