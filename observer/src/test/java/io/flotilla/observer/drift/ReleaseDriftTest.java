package io.flotilla.observer.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.flotilla.events.DriftFound;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.sealing.SopsDigests;
import io.flotilla.testing.fixtures.TestSecretKeys;

class ReleaseDriftTest {

    private static final SopsDigests DIGESTS = SopsDigests.withKeyRing(TestSecretKeys.RING);
    private static final ObjectRef MAP = new ObjectRef("v1", "ConfigMap", "apps", "web");
    private static final ObjectRef WEB = new ObjectRef("apps/v1", "Deployment", "apps", "web");
    private static final JsonNode APPLIED_MAP = json("""
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "web"}, "data": {"greeting": "hello"}}
            """);
    private static final JsonNode APPLIED_WEB = json("""
            {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
             "spec": {"template": {"spec": {"containers": [{"name": "app", "image": "nginx:1.27"}]}}}}
            """);

    @Test
    void anObjectNotKnownYetKeepsTheDriftReportedOfItAndTheOthersAreComparedAlready() {
        DriftFound.DriftedObject greeting = new DriftFound.DriftedObject(MAP, List.of("/data/greeting"), false,
                "kubectl-edit", null);
        ReleaseDrift drift = new ReleaseDrift(Map.of(MAP, APPLIED_MAP, WEB, APPLIED_WEB), ReleaseOptions.builder()
                .build(), List.of(greeting));
        JsonNode editedWeb = json("""
                {"metadata": {"name": "web", "managedFields": [
                   {"manager": "flotilla"},
                   {"manager": "kubectl-edit", "fieldsV1": {"f:spec": {"f:template": {"f:spec": {"f:containers": {
                     "k:{\\"name\\":\\"app\\"}": {"f:image": {}}}}}}}}]},
                 "spec": {"template": {"spec": {"containers": [{"name": "app", "image": "nginx:evil"}]}}}}
                """);

        // The ConfigMaps of the cluster are not listed yet: the greeting's drift is not taken for put back.
        List<DriftFound.DriftedObject> whileListing = drift.drifted(
                ref -> ref.equals(MAP) ? MissingNode.getInstance() : APPLIED_WEB, ref -> false, DIGESTS);
        assertThat(whileListing).containsExactly(greeting);
        assertThat(drift.changedSinceReported(whileListing)).isFalse();

        List<DriftFound.DriftedObject> imageEdited = drift.drifted(
                ref -> ref.equals(MAP) ? MissingNode.getInstance() : editedWeb, ref -> false, DIGESTS);
        assertThat(imageEdited).extracting(DriftFound.DriftedObject::object).containsExactly(MAP, WEB);
        assertThat(drift.changedSinceReported(imageEdited)).isTrue();

        // Listed: the greeting was put back meanwhile.
        assertThat(drift.drifted(ref -> ref.equals(MAP) ? APPLIED_MAP : editedWeb, ref -> false, DIGESTS))
                .extracting(DriftFound.DriftedObject::object).containsExactly(WEB);
    }

    @Test
    void fieldsFlotillaSetAsTheyAreNowAreANewerRevisionOnItsWayAndNotDrift() {
        ReleaseDrift drift = new ReleaseDrift(Map.of(WEB, APPLIED_WEB), ReleaseOptions.builder().build(), List.of());
        JsonNode nextRevision = json("""
                {"metadata": {"name": "web", "managedFields": [{"manager": "flotilla"}]},
                 "spec": {"template": {"spec": {"containers": [{"name": "app", "image": "nginx:1.28"}]}}}}
                """);
        assertThat(drift.drifted(ref -> nextRevision, ref -> false, DIGESTS)).isEmpty();

        // Without Flotilla's entry nobody is known to have set it; a field removed has no owner: both are drift.
        JsonNode unmanaged = json("""
                {"metadata": {"name": "web"},
                 "spec": {"template": {"spec": {"containers": [{"name": "app", "image": "nginx:1.28"}]}}}}
                """);
        assertThat(drift.drifted(ref -> unmanaged, ref -> false, DIGESTS)).singleElement()
                .satisfies(object -> assertThat(object.fields()).containsExactly(
                        "/spec/template/spec/containers/0/image"));
        JsonNode imageRemoved = json("""
                {"metadata": {"name": "web", "managedFields": [{"manager": "flotilla"}]},
                 "spec": {"template": {"spec": {"containers": [{"name": "app"}]}}}}
                """);
        assertThat(drift.drifted(ref -> imageRemoved, ref -> false, DIGESTS)).singleElement()
                .satisfies(object -> assertThat(object.fields()).containsExactly(
                        "/spec/template/spec/containers/0/image"));
    }

    private static JsonNode json(String text) {
        try {
            return EventCodec.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
