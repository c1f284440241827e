package io.flotilla.observer.registry;

import java.util.List;
import java.util.Map;

import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The fleet of {@link RegistryFleetTestResource} alone, with topics and tables of its own: the clusters these tests
 * register and remove reach no other test.
 */
public class RegistryProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaTestResource.class), new TestResourceEntry(PostgresTestResource.class),
                new TestResourceEntry(RegistryFleetTestResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("flotilla.topic-prefix", "flotilla-registry.",
                "quarkus.hibernate-orm.database.default-schema", "observer_registry");
    }
}
