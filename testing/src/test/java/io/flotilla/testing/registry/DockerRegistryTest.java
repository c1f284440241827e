package io.flotilla.testing.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class DockerRegistryTest {

    @Test
    void aStartedRegistryAnswersTheDistributionApi() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(DockerRegistry.DEFAULT_BINARY)), "docker-registry installed");
        try (DockerRegistry registry = DockerRegistry.start()) {
            URI catalog = URI.create("http://" + registry.host() + "/v2/_catalog");
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(catalog).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(registry.ociUrl("charts")).isEqualTo("oci://" + registry.host() + "/charts");
        }
    }
}
