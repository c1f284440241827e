package io.flotilla.applier.drift;

import static io.flotilla.applier.Manifests.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flotilla.events.DriftFound;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ReleaseKey;

class DriftedObjectsTest {

    @Test
    void onlyTheDriftedObjectsAreAppliedAgainMatchedInTheReleaseNamespace() {
        List<Map<String, Object>> rendered = List.of(configMap("web", null, Map.of("v", "1")),
                configMap("other", null, Map.of()), configMap("web", "elsewhere", Map.of()));
        DriftFound drift = new DriftFound(new ReleaseKey("dev", "apps", "web"), 3, List.of(new DriftFound.DriftedObject(
                new ObjectRef("v1", "ConfigMap", "apps", "web"), List.of("/data/v"), false, "kubectl", null)));

        assertThat(DriftedObjects.select(rendered, drift)).containsExactly(rendered.get(0));
    }
}
