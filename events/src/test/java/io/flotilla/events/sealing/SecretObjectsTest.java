package io.flotilla.events.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flotilla.events.CompressedObjects;

/** The data of a rendering's Secrets, sealed for the wire and the tables and opened where they are applied. */
class SecretObjectsTest {

    private static final String PASSWORD = "hunter2-in-the-chart";
    private static final String OLD = KeyRing.newEntry("2026-01");
    private static final String NEW = KeyRing.newEntry("2026-12");

    private static Map<String, Object> secret(String name) {
        return Map.of("apiVersion", "v1", "kind", "Secret", "metadata", Map.of("name", name, "namespace", "apps"),
                "type", "Opaque",
                "data", Map.of("password", Base64.getEncoder().encodeToString(PASSWORD.getBytes())),
                "stringData", Map.of("user", "admin-" + PASSWORD));
    }

    private static final Map<String, Object> CONFIG_MAP = Map.of("apiVersion", "v1", "kind", "ConfigMap",
            "metadata", Map.of("name", "settings"), "data", Map.of("mode", "plain"));

    @Test
    void sealedObjectsCarryNeitherTheValueNorItsBase64() {
        List<Map<String, Object>> sealed = SecretObjects.seal(List.of(secret("db"), CONFIG_MAP),
                KeyRing.parse(NEW, "test"), "apps");

        String onTheWire = CompressedObjects.of(sealed).objects().toString();
        assertThat(onTheWire).doesNotContain(PASSWORD)
                .doesNotContain(Base64.getEncoder().encodeToString(PASSWORD.getBytes()))
                .contains("password", "user", "sealed:v1:2026-12:", "mode=plain");
        assertThat(sealed.get(1)).isSameAs(CONFIG_MAP);
    }

    @Test
    void openedObjectsAreTheRenderedOnes() {
        KeyRing keys = KeyRing.parse(NEW, "test");

        List<Map<String, Object>> opened = SecretObjects.open(SecretObjects.seal(List.of(secret("db"), CONFIG_MAP),
                keys, "apps"), keys, "apps");

        assertThat(opened).containsExactly(secret("db"), CONFIG_MAP);
    }

    @Test
    void valuesSealedWithAnOldKeyStillOpenAfterARotation() {
        List<Map<String, Object>> sealedBefore = SecretObjects.seal(List.of(secret("db")),
                KeyRing.parse(OLD, "before"), "apps");
        KeyRing rotated = KeyRing.parse(NEW + "\n" + OLD, "after");

        assertThat(SecretObjects.open(sealedBefore, rotated, "apps")).containsExactly(secret("db"));
        assertThat(SecretObjects.seal(List.of(secret("db")), rotated, "apps").get(0).get("data").toString())
                .contains("sealed:v1:2026-12:");
    }

    @Test
    void aKeyNoLongerInTheRingIsNamed() {
        List<Map<String, Object>> sealed = SecretObjects.seal(List.of(secret("db")), KeyRing.parse(OLD, "before"),
                "apps");

        assertThatThrownBy(() -> SecretObjects.open(sealed, KeyRing.parse(NEW, "after"), "apps"))
                .isInstanceOf(SealingException.class)
                .hasMessageContaining("Secret apps/db data.password cannot be opened")
                .hasMessageContaining("sealed with the key 2026-01, which is not in the key ring")
                .hasMessageContaining("has 2026-12")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aKeyOfTheSameIdWithOtherBytesDoesNotOpen() {
        List<Map<String, Object>> sealed = SecretObjects.seal(List.of(secret("db")), KeyRing.parse(OLD, "before"),
                "apps");
        KeyRing changed = KeyRing.parse(KeyRing.newEntry("2026-01"), "changed");

        assertThatThrownBy(() -> SecretObjects.open(sealed, changed, "apps")).isInstanceOf(SealingException.class)
                .hasMessageContaining("does not open with the key 2026-01");
    }

    @Test
    void anAlteredValueDoesNotOpen() {
        KeyRing keys = KeyRing.parse(NEW, "test");
        Map<String, Object> sealed = SecretObjects.seal(List.of(secret("db")), keys, "apps").get(0);
        String value = (String) ((Map<?, ?>) sealed.get("data")).get("password");
        char last = value.charAt(value.length() - 5);
        String altered = value.substring(0, value.length() - 5) + (last == 'A' ? 'B' : 'A')
                + value.substring(value.length() - 4);
        Map<String, Object> tampered = new java.util.HashMap<>(sealed);
        tampered.put("data", Map.of("password", altered));

        assertThatThrownBy(() -> SecretObjects.open(List.of(tampered), keys, "apps"))
                .isInstanceOf(SealingException.class)
                .hasMessageContaining("Secret apps/db data.password cannot be opened")
                .hasMessageContaining("altered");
    }

    @Test
    void aValueMovedToAnotherSecretDoesNotOpenThere() {
        KeyRing keys = KeyRing.parse(NEW, "test");
        Map<String, Object> sealed = SecretObjects.seal(List.of(secret("db")), keys, "apps").get(0);
        Map<String, Object> other = new java.util.HashMap<>(sealed);
        other.put("metadata", Map.of("name", "other"));

        assertThatThrownBy(() -> SecretObjects.open(List.of(other), keys, "apps")).isInstanceOf(SealingException.class)
                .hasMessageContaining("Secret apps/other data.password cannot be opened")
                .hasMessageContaining("moved from another place");
    }

    @Test
    void aValueMovedToTheSameNamedSecretOfAnotherNamespaceDoesNotOpenThere() {
        KeyRing keys = KeyRing.parse(NEW, "test");
        Map<String, Object> sealed = SecretObjects.seal(List.of(secret("db")), keys, "apps").get(0);
        Map<String, Object> elsewhere = new java.util.HashMap<>(sealed);
        elsewhere.put("metadata", Map.of("name", "db", "namespace", "billing"));

        assertThatThrownBy(() -> SecretObjects.open(List.of(elsewhere), keys, "apps"))
                .isInstanceOf(SealingException.class)
                .hasMessageContaining("Secret billing/db data.password cannot be opened")
                .hasMessageContaining("moved from another place");
    }

    @Test
    void aSecretNamingNoNamespaceIsBoundToTheReleasesNamespace() {
        KeyRing keys = KeyRing.parse(NEW, "test");
        Map<String, Object> chartSecret = Map.of("apiVersion", "v1", "kind", "Secret", "metadata",
                Map.of("name", "db"), "stringData", Map.of("user", "admin-" + PASSWORD));
        List<Map<String, Object>> sealed = SecretObjects.seal(List.of(chartSecret), keys, "apps");

        assertThat(SecretObjects.open(sealed, keys, "apps")).containsExactly(chartSecret);
        assertThatThrownBy(() -> SecretObjects.open(sealed, keys, "billing")).isInstanceOf(SealingException.class)
                .hasMessageContaining("Secret billing/db stringData.user cannot be opened");
    }

    @Test
    void aValueSealedBeforeNamespacesWereBoundStillOpensInTheSecretItWasSealedFor() {
        KeyRing keys = KeyRing.parse(NEW, "test");
        String sealedBefore = keys.newDataKey().seal("admin-" + PASSWORD, "Secret db stringData.user");
        Map<String, Object> kept = Map.of("apiVersion", "v1", "kind", "Secret", "metadata",
                Map.of("name", "db", "namespace", "apps"), "stringData", Map.of("user", sealedBefore));

        assertThat(SecretObjects.open(List.of(kept), keys, "apps").get(0).get("stringData"))
                .isEqualTo(Map.of("user", "admin-" + PASSWORD));
    }

    @Test
    void aCutValueIsSaidToBeCut() {
        KeyRing keys = KeyRing.parse(NEW, "test");

        assertThatThrownBy(() -> keys.open("sealed:v1:2026-12:abc", "Secret db data.password"))
                .isInstanceOf(SealingException.class).hasMessageContaining("cut or altered");
    }

    @Test
    void aKeyRingThatCannotBeReadSaysWhichEntryAndWhy() {
        assertThatThrownBy(() -> KeyRing.parse("k1:c2hvcnQ=", "flotilla.secrets.keys"))
                .hasMessage("flotilla.secrets.keys, key #1 (k1): the key must be 32 bytes, it is 5");
        assertThatThrownBy(() -> KeyRing.parse(NEW + "," + NEW, "keys.txt"))
                .hasMessage("keys.txt, key #2: the id 2026-12 is given twice");
        assertThatThrownBy(() -> KeyRing.parse(" \n# none yet\n", "keys.txt")).hasMessageContaining("holds no key");
        assertThatThrownBy(() -> KeyRing.parse("no key here", "keys.txt"))
                .hasMessageContaining("keys.txt, key #1: write it <id>:<base64>");
    }

    @Test
    void aSealedSecretOfBitnamiPassesThroughAsItIs() {
        Map<String, Object> sealedSecret = Map.of("apiVersion", "bitnami.com/v1alpha1", "kind", "SealedSecret",
                "metadata", Map.of("name", "db"), "spec", Map.of("encryptedData", Map.of("password", "AgBy8hC..."),
                        "template", Map.of("type", "Opaque", "data", Map.of("note", "plain"))));

        List<Map<String, Object>> sealed = SecretObjects.seal(List.of(sealedSecret), KeyRing.parse(NEW, "test"),
                "apps");

        assertThat(sealed).containsExactly(sealedSecret);
        assertThat(sealed.get(0)).isSameAs(sealedSecret);
    }

    @Test
    void eachRenderingHasADataKeyOfItsOwn() {
        KeyRing keys = KeyRing.parse(NEW, "test");

        String first = SecretObjects.seal(List.of(secret("db")), keys, "apps").get(0).get("data").toString();
        String second = SecretObjects.seal(List.of(secret("db")), keys, "apps").get(0).get("data").toString();

        assertThat(first.split(":")[3]).isNotEqualTo(second.split(":")[3]);
    }
}
