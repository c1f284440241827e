package io.flotilla.embedded.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/**
 * A Secret written with {@code stringData}, created or applied server-side, reads back as a real API server keeps
 * it: the values in {@code data} in base64, a key given in both taking the {@code stringData} value, and no
 * {@code stringData}.
 */
class SecretStringDataTest extends OnASimulatedCluster {

    @Test
    void aCreatedSecretKeepsItsStringDataInData() {
        client.resource(new SecretBuilder().withNewMetadata().withName("created").endMetadata()
                .withData(Map.of("user", base64("old"), "kept", base64("as-is")))
                .withStringData(Map.of("user", "admin", "password", "p4ss")).build()).create();

        Secret read = client.secrets().withName("created").get();

        assertThat(read.getData()).isEqualTo(Map.of("user", base64("admin"), "password", base64("p4ss"),
                "kept", base64("as-is")));
        assertThat(read.getStringData()).isNullOrEmpty();
    }

    @Test
    void aSecretAppliedServerSideKeepsItsStringDataInData() {
        client.resource(new SecretBuilder().withNewMetadata().withName("applied").endMetadata()
                .withStringData(Map.of("token", "t0ken")).build()).fieldManager("test").forceConflicts().serverSideApply();

        Secret read = client.secrets().withName("applied").get();

        assertThat(read.getData()).isEqualTo(Map.of("token", base64("t0ken")));
        assertThat(read.getStringData()).isNullOrEmpty();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
