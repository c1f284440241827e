package io.flotilla.applier.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.flotilla.events.sealing.SopsDigests;
import io.flotilla.events.sealing.SopsObjects;
import io.flotilla.testing.sops.AgeCli;
import io.flotilla.testing.sops.SopsAgeDecoder;
import io.flotilla.testing.sops.SopsWriter;
import io.flotilla.testing.fixtures.TestSecretKeys;

/**
 * SOPS files whose data key the real age command line wrapped are decrypted to what an independent decoder (npm's
 * sops-age) reads in them; a file for another key, altered after encryption, or encrypted for PGP only is refused
 * naming the file, the object and why, never a value.
 */
class SopsDecryptionTest {

    private static final String FILE = "clusters/dev/db-credentials.sops.yaml";
    private static final String PASSWORD = "s3cr3t-from-git";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final SopsDigests DIGESTS = SopsDigests.withKeyRing(TestSecretKeys.RING);

    private static AgeCli.KeyPair flux;
    private static AgeCli.KeyPair other;

    @BeforeAll
    static void keys() {
        flux = AgeCli.newKeyPair();
        other = AgeCli.newKeyPair();
    }

    @Test
    void aSecretEncryptedForAnAgeRecipientDecryptsToWhatAnIndependentDecoderReads() {
        String text = SopsWriter.encryptSecret(secret(), flux.recipient());
        Map<String, Object> independent = SopsAgeDecoder.installedIn(Path.of("target", "sops-age"))
                .decrypt(text, flux.identity());

        Map<String, Object> decrypted = decryptOne(text, List.of(AgeIdentity.parse(flux.identity())));

        assertThat(text).doesNotContain(PASSWORD).contains("ENC[AES256_GCM,");
        assertThat(independent.get("stringData")).isEqualTo(Map.of("password", PASSWORD, "port", 5432,
                "tls", true));
        assertThat(decrypted.get("stringData")).isEqualTo(Map.of("password", PASSWORD, "port", 5432L, "tls", true));
        assertThat(decrypted.get("data")).isEqualTo(independent.get("data"));
        assertThat(decrypted).doesNotContainKey(SopsObjects.METADATA);
    }

    @Test
    void whatKustomizeAddedToTheObjectIsKeptAndTheMacIsCheckedOverTheFileAsCommitted() {
        String text = SopsWriter.encryptSecret(secret(), flux.recipient());
        Map<String, Object> built = new LinkedHashMap<>(committed(text));
        built.put("metadata", Map.of("name", "db-credentials", "namespace", "apps", "labels", Map.of("team", "db")));

        Map<String, Object> decrypted = SopsDecryption.decrypt(List.of(SopsObjects.withOrigin(built, FILE, text)),
                () -> List.of(AgeIdentity.parse(flux.identity())), DIGESTS).get(0);

        assertThat(decrypted.get("metadata")).isEqualTo(Map.of("name", "db-credentials", "namespace", "apps",
                "labels", Map.of("team", "db"), "annotations", Map.of(SopsDigests.ANNOTATION, SopsDigests.annotation(
                        Map.of("/data/user", DIGESTS.of("/data/user", "YWRtaW4="),
                                "/stringData/password", DIGESTS.of("/stringData/password", PASSWORD),
                                "/stringData/port", DIGESTS.of("/stringData/port", "5432"),
                                "/stringData/tls", DIGESTS.of("/stringData/tls", "true"))))));
        assertThat(decrypted.get("stringData")).isEqualTo(Map.of("password", PASSWORD, "port", 5432L, "tls", true));
    }

    @Test
    void aFileForAnotherKeyIsRefusedNamingFileObjectAndRecipients() {
        String text = SopsWriter.encryptSecret(secret(), flux.recipient());

        assertThatThrownBy(() -> decryptOne(text, List.of(AgeIdentity.parse(other.identity()))))
                .isInstanceOf(SopsException.class)
                .hasMessageContaining(FILE + ": Secret apps/db-credentials does not decrypt: no age identity Flotilla"
                        + " has opens it: it is encrypted for " + flux.recipient())
                .hasMessageContaining("the identities given are for " + other.recipient())
                .hasMessageNotContaining(PASSWORD).hasMessageNotContaining(other.identity());
    }

    @Test
    void withoutAnyIdentityTheFileIsRefused() {
        String text = SopsWriter.encryptSecret(secret(), flux.recipient());

        assertThatThrownBy(() -> decryptOne(text, List.of()))
                .hasMessageContaining(FILE + ": Secret apps/db-credentials does not decrypt")
                .hasMessageContaining("the identities given are for nothing (none given)");
    }

    @Test
    void aValueInClearAlteredAfterEncryptionFailsTheMac() {
        String text = SopsWriter.encryptSecret(secret(), flux.recipient()).replace("type: Opaque",
                "type: kubernetes.io/tls");

        assertThatThrownBy(() -> decryptOne(text, List.of(AgeIdentity.parse(flux.identity()))))
                .hasMessageContaining(FILE + ": Secret apps/db-credentials does not decrypt: MAC mismatch");
    }

    @Test
    void anEncryptedValueMovedToAnotherKeyDoesNotOpen() {
        String text = SopsWriter.encryptSecret(secret(), flux.recipient());
        Map<String, Object> moved = new LinkedHashMap<>(committed(text));
        Map<?, ?> stringData = (Map<?, ?>) moved.get("stringData");
        moved.put("stringData", Map.of("password", stringData.get("port"), "port", stringData.get("password"),
                "tls", stringData.get("tls")));
        String altered = text.replace(String.valueOf(stringData.get("password")), "PLACEHOLDER")
                .replace(String.valueOf(stringData.get("port")), String.valueOf(stringData.get("password")))
                .replace("PLACEHOLDER", String.valueOf(stringData.get("port")));

        assertThatThrownBy(() -> decryptOne(altered, List.of(AgeIdentity.parse(flux.identity()))))
                .hasMessageContaining("the value at stringData.password does not open: altered, or moved from"
                        + " another place");
    }

    @Test
    void aFileEncryptedForPgpOnlyIsRefusedNamingTheKeyType() {
        String text = SopsWriter.encryptSecret(secret(), flux.recipient());
        Map<String, Object> object = new LinkedHashMap<>(committed(text));
        Map<String, Object> metadata = new LinkedHashMap<>(castMap(object.get(SopsObjects.METADATA)));
        metadata.remove("age");
        metadata.put("pgp", List.of(Map.of("fp", "FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4", "enc", "-----BEGIN")));
        object.put(SopsObjects.METADATA, metadata);
        String pgpOnly = write(object);

        assertThatThrownBy(() -> decryptOne(pgpOnly, List.of(AgeIdentity.parse(flux.identity()))))
                .hasMessageContaining(FILE + ": Secret apps/db-credentials does not decrypt: it is encrypted for pgp"
                        + " only; Flotilla decrypts SOPS files for age recipients only");
    }

    @Test
    void anIdentityThatIsNotOneIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> AgeIdentities.parse("# mine\nAGE-SECRET-KEY-1NOTAKEY", "Secret flux-system/sops-age"
                + " key identity.agekey"))
                .hasMessageStartingWith("Secret flux-system/sops-age key identity.agekey, line 2: not an age identity")
                .hasMessageNotContaining("NOTAKEY");
    }

    private static Map<String, Object> decryptOne(String text, List<AgeIdentity> identities) {
        return SopsDecryption.decrypt(List.of(SopsObjects.withOrigin(committed(text), FILE, text)),
                () -> identities, DIGESTS).get(0);
    }

    private static Map<String, Object> secret() {
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("apiVersion", "v1");
        secret.put("kind", "Secret");
        secret.put("metadata", Map.of("name", "db-credentials", "namespace", "apps"));
        secret.put("type", "Opaque");
        secret.put("data", Map.of("user", "YWRtaW4="));
        Map<String, Object> stringData = new LinkedHashMap<>();
        stringData.put("password", PASSWORD);
        stringData.put("port", 5432);
        stringData.put("tls", true);
        secret.put("stringData", stringData);
        return secret;
    }

    private static Map<String, Object> committed(String text) {
        try {
            return YAML.readValue(text, new TypeReference<>() {
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(Map<String, Object> object) {
        try {
            return YAML.writeValueAsString(object);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
