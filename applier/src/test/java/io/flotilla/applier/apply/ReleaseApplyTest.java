package io.flotilla.applier.apply;

import static io.flotilla.applier.Manifests.clusterRole;
import static io.flotilla.applier.Manifests.configMap;
import static io.flotilla.applier.Manifests.widget;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.applier.Renders;
import io.flotilla.applier.cluster.ClientSettings;
import io.flotilla.applier.cluster.ClusterClients;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseKey;
import io.flotilla.testing.clusters.SimulatedFleet;

/** Applying straight to simulated clusters, one of which no longer answers. */
class ReleaseApplyTest {

    @TempDir
    static Path dir;

    private static SimulatedFleet fleet;
    private static ClusterClients clusters;
    private static ReleaseApply apply;

    @BeforeAll
    static void startFleet() {
        fleet = SimulatedFleet.start(Map.of("dev", Map.of("env", "dev"), "gone", Map.of("env", "dev")));
        Path kubeconfig = dir.resolve("kubeconfig");
        fleet.writeKubeconfig(kubeconfig);
        fleet.cluster("gone").close();
        clusters = new ClusterClients(kubeconfig, null,
                new ClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(10), 0));
        apply = new ReleaseApply(clusters);
    }

    @AfterAll
    static void stopFleet() {
        clusters.close();
        fleet.close();
    }

    @Test
    void aClusterThatDoesNotAnswerFailsItsReleaseNamingTheClusterAndTheError() {
        ApplyReport report = apply.apply(Renders.chart(new ReleaseKey("gone", "apps", "web"), "gone-1",
                List.of(configMap("web", null, Map.of()))));

        assertThat(report.outcome()).isEqualTo(Outcome.Failed);
        assertThat(report.error()).startsWith("cluster 'gone' is unreachable at http")
                .containsIgnoringCase("connection refused");
    }

    @Test
    void theReleasesOfOtherClustersGoOnWhileOneDoesNotAnswer() {
        apply.apply(Renders.chart(new ReleaseKey("gone", "apps", "api"), "gone-2",
                List.of(configMap("api", null, Map.of()))));

        ApplyReport report = apply.apply(Renders.chart(new ReleaseKey("dev", "apps", "api"), "dev-2",
                List.of(configMap("api", null, Map.of()))));

        assertThat(report.outcome()).isEqualTo(Outcome.Ready);
        assertThat(fleet.cluster("dev").client().configMaps().inNamespace("apps").withName("api").get()).isNotNull();
    }

    @Test
    void aFolderOfManifestsDoesNotCreateItsReleaseNamespace() {
        ApplyReport report = apply.apply(Renders.manifests(new ReleaseKey("dev", "elsewhere", "common-rbac"),
                "rbac-1", List.of(clusterRole("auditor"))));

        assertThat(report.outcome()).isEqualTo(Outcome.Ready);
        assertThat(fleet.cluster("dev").client().rbac().clusterRoles().withName("auditor").get()).isNotNull();
        assertThat(fleet.cluster("dev").client().namespaces().withName("elsewhere").get()).isNull();
    }

    @Test
    void aCustomResourceWithoutItsDefinitionFailsNamingItsKind() {
        ApplyReport report = apply.apply(Renders.chart(new ReleaseKey("dev", "gadgets", "gadgets"), "gadgets-1",
                List.of(widget("sprocket"), configMap("gadgets", null, Map.of()))));

        assertThat(report.outcome()).isEqualTo(Outcome.Failed);
        assertThat(report.error()).isEqualTo("1 of 2 objects failed: Widget sprocket: cluster 'dev' serves "
                + "no kind Widget in example.com/v1; apply its CustomResourceDefinition first, or check the apiVersion");
        assertThat(report.objects()).extracting(ObjectResult::action).containsExactly("failed", "applied");
    }

    @Test
    void aRenderedObjectWithoutNameFailsTheReleaseBeforeAnythingIsApplied() {
        long requests = fleet.cluster("dev").requestCount();
        Map<String, Object> nameless = configMap("x", null, Map.of());
        ((Map<?, ?>) nameless.get("metadata")).clear();

        ApplyReport report = apply.apply(Renders.chart(new ReleaseKey("dev", "apps", "nameless"), "nameless-1",
                List.of(configMap("first", null, Map.of()), nameless)));

        assertThat(report.outcome()).isEqualTo(Outcome.Failed);
        assertThat(report.error()).isEqualTo("rendered object #2 (ConfigMap) has no metadata.name");
        assertThat(fleet.cluster("dev").requestCount()).isEqualTo(requests);
    }
}
