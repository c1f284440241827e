package io.flotilla.observer.inventory;

import java.util.List;
import java.util.Map;

import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The fleet of {@link ClusterDownAtStartTestResource} alone, without the other tests' clusters, and topics and tables
 * of its own so no other test's releases and registered clusters reach it.
 */
public class ClusterDownAtStartProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaTestResource.class), new TestResourceEntry(PostgresTestResource.class),
                new TestResourceEntry(ClusterDownAtStartTestResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("flotilla.topic-prefix", "flotilla-down-at-start.",
                "quarkus.hibernate-orm.database.default-schema", "observer_down_at_start");
    }
}
