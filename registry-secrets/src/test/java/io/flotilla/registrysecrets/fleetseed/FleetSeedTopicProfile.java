package io.flotilla.registrysecrets.fleetseed;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Topics of their own, so that every record under this prefix is this test's, to be searched for passwords. */
public class FleetSeedTopicProfile implements QuarkusTestProfile {

    static final String PREFIX = "flotilla-registry-seeds.";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("flotilla.topic-prefix", PREFIX);
    }
}
