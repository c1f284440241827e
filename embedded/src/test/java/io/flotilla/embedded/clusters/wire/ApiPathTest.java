package io.flotilla.embedded.clusters.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ApiPathTest {

    @Test
    void readsANamespacedObjectWithItsQuery() {
        ApiPath path = ApiPath.parse("/apis/apps/v1/namespaces/dev/deployments/web?fieldManager=flotilla&force=true");

        assertThat(path).isEqualTo(new ApiPath("apps", "v1", "dev", "deployments", "web", null,
                Map.of("fieldManager", "flotilla", "force", "true")));
        assertThat(path.collectionPath()).isEqualTo("/apis/apps/v1/namespaces/dev/deployments");
    }

    @Test
    void tellsANamespacesStatusFromTheResourcesInIt() {
        assertThat(ApiPath.parse("/api/v1/namespaces/dev/status"))
                .isEqualTo(new ApiPath("", "v1", null, "namespaces", "dev", "status", Map.of()));
        assertThat(ApiPath.parse("/api/v1/namespaces/dev/secrets"))
                .isEqualTo(new ApiPath("", "v1", "dev", "secrets", null, null, Map.of()));
        assertThat(ApiPath.parse("/api/v1/namespaces/dev"))
                .isEqualTo(new ApiPath("", "v1", null, "namespaces", "dev", null, Map.of()));
    }

    @Test
    void aDryRunIsOnlyDryRunAll() {
        assertThat(ApiPath.parse("/api/v1/namespaces/dev/configmaps?dryRun=All").isDryRun()).isTrue();
        assertThat(ApiPath.parse("/api/v1/namespaces/dev/configmaps").isDryRun()).isFalse();
    }

    @Test
    void discoveryPathsAreNoResources() {
        assertThat(ApiPath.parse("/apis/apps/v1")).isNull();
        assertThat(ApiPath.parse("/api/v1")).isNull();
        assertThat(ApiPath.parse("/version")).isNull();
    }
}
