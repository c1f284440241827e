package io.flotilla.observer.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.flotilla.events.EventCodec;

class ComparedPartsTest {

    @Test
    void aLiveObjectKeepsWhatIsComparedAndWhoElseChangedIt() {
        GenericKubernetesResource live = EventCodec.mapper().convertValue(Map.of(
                "apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", "web", "namespace", "apps", "resourceVersion", "42", "uid", "u-1",
                        "generation", 3, "labels", Map.of("app", "web"), "annotations", Map.of("team", "edge"),
                        "managedFields", List.of(
                                Map.of("manager", "flotilla", "operation", "Apply", "time", "2024-05-01T10:00:00Z",
                                        "fieldsType", "FieldsV1", "fieldsV1", Map.of("f:spec", Map.of("f:replicas", Map.of()))),
                                Map.of("manager", "kubectl-edit", "operation", "Update", "time", "2024-05-01T11:00:00Z",
                                        "fieldsType", "FieldsV1", "fieldsV1", Map.of("f:spec", Map.of("f:paused", Map.of()))))),
                "spec", Map.of("replicas", 2, "paused", true),
                "status", Map.of("readyReplicas", 2, "conditions", List.of(Map.of("type", "Available")))),
                GenericKubernetesResource.class);

        JsonNode kept = EventCodec.mapper().valueToTree(ComparedParts.of(live));

        assertThat(kept.path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(kept.path("metadata").path("labels").path("app").asText()).isEqualTo("web");
        assertThat(kept.path("metadata").path("annotations").path("team").asText()).isEqualTo("edge");
        assertThat(kept.path("metadata").path("resourceVersion").asText()).isEqualTo("42");
        assertThat(kept.has("status")).isFalse();
        assertThat(kept.path("metadata").has("uid")).isFalse();
        assertThat(kept.path("metadata").path("managedFields").findValuesAsText("manager"))
                .containsExactly("flotilla", "kubectl-edit");
        assertThat(kept.path("metadata").path("managedFields").get(0).has("fieldsV1")).as("Flotilla's own fields")
                .isFalse();
        FieldOwners.Change change = FieldOwners.lastChange(kept, EventCodec.mapper().valueToTree(
                Map.of("spec", Map.of("paused", false))), List.of("/spec/paused"));
        assertThat(change.manager()).isEqualTo("kubectl-edit");
        assertThat(change.at()).hasToString("2024-05-01T11:00:00Z");
    }
}
