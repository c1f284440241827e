package io.flotilla.observer.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.flotilla.clusters.RegisteredCluster;

class ClusterSecretReaderTest {

    static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void serverAndConfigMakeTheClustersKubeconfigAndTheOtherLabelsItsLabels() {
        Secret secret = secret("eu-1-secret", Map.of("name", "eu-1", "server", "https://eu-1.example.com:6443",
                "config", "{\"bearerToken\": \"t0ken\", \"tlsClientConfig\": {\"caData\": \"Y2E=\", \"insecure\": false}}"));

        RegisteredCluster cluster = ClusterSecretReader.read(secret, AT);

        assertThat(cluster.name()).isEqualTo("eu-1");
        assertThat(cluster.labels()).isEqualTo(Map.of("env", "prod"));
        assertThat(cluster.server()).isEqualTo("https://eu-1.example.com:6443");
        assertThat(cluster.source()).isEqualTo("secret");
        Config config = Config.fromKubeconfig(null, cluster.kubeconfig(), null);
        assertThat(config.getMasterUrl()).startsWith("https://eu-1.example.com:6443");
        assertThat(config.getAutoOAuthToken()).isEqualTo("t0ken");
        assertThat(config.getCaCertData()).isEqualTo("Y2E=");
    }

    @Test
    void aSecretWithoutANameKeyNamesItsClusterItself() {
        Secret secret = secret("eu-2", Map.of("server", "https://eu-2.example.com"));

        assertThat(ClusterSecretReader.read(secret, AT).name()).isEqualTo("eu-2");
    }

    @Test
    void aSecretWithNeitherKubeconfigNorServerIsRefusedNamingIt() {
        Secret secret = secret("eu-3", Map.of("name", "eu-3"));

        assertThatThrownBy(() -> ClusterSecretReader.read(secret, AT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Secret flotilla/eu-3: neither 'kubeconfig' nor 'server' is given");
    }

    private static Secret secret(String name, Map<String, String> data) {
        Map<String, String> encoded = new LinkedHashMap<>();
        data.forEach((key, value) -> encoded.put(key,
                Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder().withNewMetadata().withNamespace("flotilla").withName(name)
                .addToLabels("flotilla.io/secret-type", "cluster").addToLabels("env", "prod").endMetadata()
                .withData(encoded).build();
    }
}
