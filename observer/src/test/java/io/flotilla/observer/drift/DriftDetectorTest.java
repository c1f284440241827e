package io.flotilla.observer.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.events.EventCodec;
import io.flotilla.events.sealing.KeyRing;
import io.flotilla.events.sealing.SecretObjects;
import io.flotilla.events.sealing.SopsDigests;
import io.flotilla.testing.fixtures.TestSecretKeys;

class DriftDetectorTest {

    private static final SopsDigests DIGESTS = SopsDigests.withKeyRing(TestSecretKeys.RING);

    static final String APPLIED = """
            {"apiVersion": "apps/v1", "kind": "Deployment",
             "metadata": {"name": "web", "labels": {"app": "web"}},
             "spec": {"replicas": 2, "template": {"spec": {"containers": [
               {"name": "app", "image": "nginx:1.27", "ports": [{"containerPort": 80}]}]}}}}
            """;

    @Test
    void statusServerDefaultsAndManagedMetadataAreNotDrift() {
        JsonNode live = json("""
                {"apiVersion": "apps/v1", "kind": "Deployment",
                 "metadata": {"name": "web", "labels": {"app": "web"}, "uid": "1", "resourceVersion": "7",
                   "managedFields": [{"manager": "flotilla"}], "annotations": {"deployment.kubernetes.io/revision": "1"}},
                 "spec": {"replicas": 2, "progressDeadlineSeconds": 600, "template": {"spec": {"containers": [
                   {"name": "app", "image": "nginx:1.27", "imagePullPolicy": "IfNotPresent",
                    "ports": [{"containerPort": 80, "protocol": "TCP"}]}]}}},
                 "status": {"readyReplicas": 2}}
                """);

        assertThat(DriftDetector.differingFields(json(APPLIED), live, List.of(), DIGESTS)).isEmpty();
    }

    @Test
    void changedAndRemovedFieldsAreNamedAsJsonPointers() {
        JsonNode live = json("""
                {"metadata": {"name": "web", "labels": {}},
                 "spec": {"replicas": 5, "template": {"spec": {"containers": [
                   {"name": "sidecar", "image": "envoy"}, {"name": "app", "image": "nginx:evil",
                    "ports": [{"containerPort": 80}]}]}}}}
                """);

        assertThat(DriftDetector.differingFields(json(APPLIED), live, List.of(), DIGESTS)).containsExactly(
                "/metadata/labels/app", "/spec/replicas", "/spec/template/spec/containers/0/image");
    }

    @Test
    void ignoredPathsAndEverythingUnderThemMayDiffer() {
        JsonNode live = json("""
                {"metadata": {"name": "web", "labels": {"app": "other"}},
                 "spec": {"replicas": 5, "template": {"spec": {"containers": [
                   {"name": "app", "image": "nginx:1.27", "ports": [{"containerPort": 80}]}]}}}}
                """);

        assertThat(DriftDetector.differingFields(json(APPLIED), live, List.of("/metadata/labels", "/spec/replicas"),
                DIGESTS))
                .isEmpty();
    }

    @Test
    void theManagerThatLastChangedADriftedFieldIsNamed() {
        JsonNode live = json("""
                {"metadata": {"managedFields": [
                  {"manager": "flotilla", "operation": "Apply", "time": "2026-03-01T10:00:00Z",
                   "fieldsV1": {"f:spec": {"f:replicas": {}}}},
                  {"manager": "kubectl-edit", "operation": "Update", "time": "2026-03-01T10:05:00Z",
                   "fieldsV1": {"f:spec": {"f:template": {"f:spec": {"f:containers": {
                     "k:{\\"name\\":\\"app\\"}": {"f:image": {}}}}}}}},
                  {"manager": "kubectl-scale", "operation": "Update", "time": "2026-03-01T10:07:00Z",
                   "fieldsV1": {"f:spec": {"f:paused": {}}}}]}}
                """);

        FieldOwners.Change change = FieldOwners.lastChange(live, json(APPLIED),
                List.of("/spec/template/spec/containers/0/image"));

        assertThat(change.manager()).isEqualTo("kubectl-edit");
        assertThat(change.at()).hasToString("2026-03-01T10:05:00Z");
    }

    @Test
    void quantitiesTheServerRewroteAreTheSameAmount() {
        JsonNode applied = json("""
                {"spec": {"template": {"spec": {"containers": [{"name": "app",
                  "resources": {"limits": {"cpu": "1000m", "memory": "1024Mi"}, "requests": {"cpu": 0.5, "memory": "1G"}}}],
                  "volumes": [{"name": "cache", "emptyDir": {"sizeLimit": "2048Mi"}}]}}}}
                """);
        JsonNode live = json("""
                {"spec": {"template": {"spec": {"containers": [{"name": "app",
                  "resources": {"limits": {"cpu": "1", "memory": "1Gi"}, "requests": {"cpu": "500m", "memory": "1000M"}}}],
                  "volumes": [{"name": "cache", "emptyDir": {"sizeLimit": "2Gi"}}]}}}}
                """);

        assertThat(DriftDetector.differingFields(applied, live, List.of(), DIGESTS)).isEmpty();
    }

    @Test
    void aDifferentAmountAndEqualLookingTextOutsideQuantitiesAreDrift() {
        JsonNode applied = json("""
                {"spec": {"template": {"spec": {"containers": [{"name": "app",
                  "env": [{"name": "WORKERS", "value": "1"}],
                  "resources": {"limits": {"cpu": "1", "memory": "1Gi"}}}]}}}}
                """);
        JsonNode live = json("""
                {"spec": {"template": {"spec": {"containers": [{"name": "app",
                  "env": [{"name": "WORKERS", "value": "1000m"}],
                  "resources": {"limits": {"cpu": "1500m", "memory": "1G"}}}]}}}}
                """);

        assertThat(DriftDetector.differingFields(applied, live, List.of(), DIGESTS)).containsExactly(
                "/spec/template/spec/containers/0/env/0/value",
                "/spec/template/spec/containers/0/resources/limits/cpu",
                "/spec/template/spec/containers/0/resources/limits/memory");
    }

    @Test
    void aSealedSecretIsComparedByItsKeysOnlyAndStringDataWithTheLiveData() {
        JsonNode applied = EventCodec.mapper().valueToTree(SecretObjects.seal(List.of(Map.of("apiVersion", "v1",
                "kind", "Secret", "metadata", Map.of("name", "db"), "type", "Opaque",
                "data", Map.of("password", "aHVudGVyMg==", "gone", "eA=="), "stringData", Map.of("user", "admin",
                        "removed", "x"))), KeyRing.parse(KeyRing.newEntry("k1"), "test"), "apps").get(0));
        JsonNode live = json("""
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db"}, "type": "Opaque",
                 "data": {"password": "Y2hhbmdlZA==", "user": "YWRtaW4="}}
                """);

        assertThat(DriftDetector.differingFields(applied, live, List.of(), DIGESTS)).containsExactlyInAnyOrder(
                "/data/gone", "/stringData/removed");
    }

    @Test
    void aStringDataValueInClearIsComparedWithTheLiveDataItBecame() {
        JsonNode applied = json("""
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db"},
                 "stringData": {"user": "admin", "mode": "fast"}}
                """);
        JsonNode live = json("""
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db"},
                 "data": {"user": "YWRtaW4=", "mode": "c2xvdw=="}}
                """);

        assertThat(DriftDetector.differingFields(applied, live, List.of(), DIGESTS)).containsExactly("/stringData/mode");
    }

    @Test
    void anObjectCommittedSopsEncryptedIsComparedByTheDigestsOfItsDecryptedValuesAndNotItsSopsMetadata() {
        JsonNode applied = json("""
                {"apiVersion": "example.io/v1", "kind": "Database", "metadata": {"name": "db"},
                 "spec": {"host": "db.local", "password": "ENC[AES256_GCM,data:c2VjcmV0,iv:aXY=,tag:dGFn,type:str]",
                   "replicas": [{"name": "a", "token": "ENC[AES256_GCM,data:dG9rZW4=,iv:aXY=,tag:dGFn,type:str]"}]},
                 "sops": {"mac": "ENC[AES256_GCM,data:bWFj,iv:aXY=,tag:dGFn,type:str]", "lastmodified": "2025-01-01T00:00:00Z"}}
                """);
        String digests = SopsDigests.annotation(Map.of("/spec/password", DIGESTS.of("/spec/password", "hunter2"),
                "/spec/replicas/0/token", DIGESTS.of("/spec/replicas/0/token", "t0ken")));

        assertThat(DriftDetector.differingFields(applied, database(digests, "hunter2", "t0ken"), List.of(), DIGESTS))
                .isEmpty();
        assertThat(DriftDetector.differingFields(applied, database(digests, "changed", "t0ken"), List.of(), DIGESTS))
                .containsExactly("/spec/password");
        assertThat(DriftDetector.differingFields(applied, database(null, "hunter2", "t0ken"), List.of(), DIGESTS))
                .containsExactlyInAnyOrder("/metadata/annotations/flotilla.io~1sops-digests", "/spec/password",
                        "/spec/replicas/0/token");
    }

    @Test
    void aSecretCommittedSopsEncryptedIsComparedByTheDigestsOfItsValuesSealedOnTop() {
        Map<String, Object> committed = Map.of("apiVersion", "v1", "kind", "Secret", "metadata", Map.of("name", "db"),
                "data", Map.of("password", "ENC[AES256_GCM,data:c2VjcmV0,iv:aXY=,tag:dGFn,type:str]", "plain", "eA=="),
                "stringData", Map.of("user", "ENC[AES256_GCM,data:dXNlcg==,iv:aXY=,tag:dGFn,type:str]"),
                "sops", Map.of("encrypted_regex", "^password|user$"));
        JsonNode applied = EventCodec.mapper().valueToTree(SecretObjects.seal(List.of(committed),
                KeyRing.parse(KeyRing.newEntry("k1"), "test"), "apps").get(0));
        String digests = SopsDigests.annotation(Map.of("/data/password", DIGESTS.of("/data/password", "aHVudGVyMg=="),
                "/stringData/user", DIGESTS.of("/stringData/user", "admin")));

        assertThat(DriftDetector.differingFields(applied, secret(digests, "aHVudGVyMg==", "YWRtaW4="), List.of(),
                DIGESTS)).isEmpty();
        assertThat(DriftDetector.differingFields(applied, secret(digests, "Y2hhbmdlZA==", "cm9vdA=="), List.of(),
                DIGESTS)).containsExactlyInAnyOrder("/data/password", "/stringData/user");
        assertThat(DriftDetector.differingFields(applied, secret(digests, "Y2hhbmdlZA==", "YWRtaW4="),
                List.of("/data/password"), DIGESTS)).isEmpty();
    }

    private static JsonNode database(String digests, String password, String token) {
        Map<String, Object> metadata = new HashMap<>(Map.of("name", "db"));
        if (digests != null) {
            metadata.put("annotations", Map.of(SopsDigests.ANNOTATION, digests));
        }
        return EventCodec.mapper().valueToTree(Map.of("apiVersion", "example.io/v1", "kind", "Database",
                "metadata", metadata, "spec", Map.of("host", "db.local", "password", password,
                        "replicas", List.of(Map.of("name", "a", "token", token)))));
    }

    private static JsonNode secret(String digests, String password, String user) {
        return EventCodec.mapper().valueToTree(Map.of("apiVersion", "v1", "kind", "Secret",
                "metadata", Map.of("name", "db", "annotations", Map.of(SopsDigests.ANNOTATION, digests)),
                "data", Map.of("password", password, "plain", "eA==", "user", user)));
    }

    private static JsonNode json(String text) {
        try {
            return EventCodec.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
