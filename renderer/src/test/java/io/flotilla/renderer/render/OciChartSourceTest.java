package io.flotilla.renderer.render;

import static io.flotilla.renderer.HelmReleaseFiles.FLUX_V2;
import static io.flotilla.renderer.HelmReleaseFiles.helmRelease;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV2FromHelmRepository;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.helmRepository;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.imageTag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marcnuri.helm.Helm;

import io.flotilla.events.ClusterRef;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.renderer.ConfigRepository;
import io.flotilla.renderer.TestCharts;
import io.flotilla.renderer.chart.ChartSourceUnavailableException;
import io.flotilla.testing.registry.DockerRegistry;

/**
 * Charts pushed by Helm to a real container registry, rendered from a HelmRepository of type oci and from an
 * OCIRepository.
 */
class OciChartSourceTest {

    private static final ClusterRef PROD = new ClusterRef("prod", Map.of("env", "prod"));

    private static DockerRegistry registry;

    @TempDir
    Path temp;

    private ConfigRepository repo;
    private CommitRenderer renderer;

    @BeforeAll
    static void startRegistry() {
        registry = DockerRegistry.start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void setUp() {
        repo = ConfigRepository.in(temp.resolve("fleet")).write("README.md", "fleet\n");
        renderer = new CommitRenderer(temp.resolve("work"), () -> List.of(PROD));
    }

    @AfterEach
    void tearDown() {
        renderer.close();
        repo.close();
    }

    @Test
    void rendersAReleaseFromAnOciHelmRepositoryAtTheHighestTagInItsRangeAsHelmRendersIt() throws Exception {
        push("app", "1.4.0", "charts-a");
        push("app", "1.5.0", "charts-a");
        push("app", "2.0.0", "charts-a");
        repo.write("flux-system/charts.yaml", helmRepository("charts", registry.ociUrl("charts-a"), "type: oci\ninsecure: true\n"))
                .write("releases/prod/app.yaml", fluxV2FromHelmRepository("app", "charts", ">=1.4.0 <2.0.0", imageTag("5.0.0")));

        ReleaseRendered release = renderer.render(repo.commit("app from an OCI registry")).get(0);

        assertThat(release.error()).isNull();
        assertThat(release.chartName()).isEqualTo("app");
        assertThat(release.chartVersion()).isEqualTo("1.5.0");
        Path values = Files.writeString(temp.resolve("values.yaml"), "image:\n  tag: 5.0.0\n");
        assertThat(release.objects().objects()).isEqualTo(HelmOutput.objects(Helm.template(
                registry.ociUrl("charts-a") + "/app").withVersion("1.5.0").plainHttp().withName("app")
                .withNamespace("apps").withValuesFile(values).call()));
    }

    @Test
    void rendersAReleaseWhoseChartRefIsAnOciRepositoryAtItsTagThenAtItsSemverRange() throws Exception {
        push("app", "1.4.0", "charts-b");
        push("app", "1.5.0", "charts-b");
        repo.write("flux-system/app.yaml", ociRepository(registry.ociUrl("charts-b") + "/app", "tag: 1.4.0"))
                .write("releases/prod/app.yaml", fromChartRef());

        ReleaseRendered atTag = renderer.render(repo.commit("app 1.4.0 from an OCIRepository")).get(0);
        repo.write("flux-system/app.yaml", ociRepository(registry.ociUrl("charts-b") + "/app", "semver: \"1.x\""));
        ReleaseRendered inRange = renderer.render(repo.commit("app 1.x")).get(0);

        assertThat(atTag.error()).isNull();
        assertThat(atTag.chartVersion()).isEqualTo("1.4.0");
        assertThat(inRange.error()).isNull();
        assertThat(inRange.chartVersion()).isEqualTo("1.5.0");
        assertThat(inRange.objects().objects()).isEqualTo(HelmOutput.objects(Helm.template(
                registry.ociUrl("charts-b") + "/app").withVersion("1.5.0").plainHttp().withName("app")
                .withNamespace("apps").call()));
    }

    @Test
    void reportsANoMatchingTagAndRendersTheRest() {
        push("app", "1.4.0", "charts-c");
        repo.write("flux-system/charts.yaml", helmRepository("charts", registry.ociUrl("charts-c"), "type: oci\ninsecure: true\n"))
                .write("releases/prod/app.yaml", fluxV2FromHelmRepository("app", "charts", "^3.0.0", imageTag("5.0.0")))
                .write("flux-system/fine.yaml", ociRepository(registry.ociUrl("charts-c") + "/app", "tag: 1.4.0")
                        .replace("name: app", "name: fine"))
                .write("releases/prod/fine.yaml", fromChartRef().replace("name: app", "name: fine"));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("a tag that does not exist"));

        assertThat(find(rendered, "app").error()).isEqualTo("releases/prod/app.yaml: HelmRelease apps/app:"
                + " spec.chart.spec: no tag of " + registry.ociUrl("charts-c") + "/app matches '^3.0.0'");
        assertThat(find(rendered, "fine").error()).isNull();
        assertThat(find(rendered, "fine").objectCount()).isEqualTo(3);
    }

    @Test
    void aRegistryOutOfReachHoldsTheCommitToBeTriedAgainRatherThanFailingItsReleases() {
        repo.write("flux-system/gone.yaml", ociRepository("oci://127.0.0.1:1/charts/app", "tag: 1.4.0")
                        .replace("name: app", "name: gone"))
                .write("releases/prod/gone.yaml", fromChartRef().replace("name: app", "name: gone"));

        assertThatThrownBy(() -> renderer.render(repo.commit("a registry that does not answer")))
                .isInstanceOf(ChartSourceUnavailableException.class)
                .hasMessageContaining("the OCI registry 127.0.0.1 cannot be reached");
    }

    private void push(String chart, String version, String repository) {
        Path packaged = TestCharts.packaged(chart, version, temp.resolve("packages"));
        Helm.push().withChart(packaged).withRemote(URI.create(registry.ociUrl(repository))).plainHttp().call();
    }

    private static String ociRepository(String url, String ref) {
        return """
                apiVersion: source.toolkit.fluxcd.io/v1beta2
                kind: OCIRepository
                metadata:
                  name: app
                  namespace: flux-system
                spec:
                  insecure: true
                  url: %s
                  ref:
                    %s
                """.formatted(url, ref);
    }

    private static String fromChartRef() {
        return helmRelease(FLUX_V2, "apps", "app", """
                chartRef:
                  kind: OCIRepository
                  name: app
                  namespace: flux-system
                """);
    }

    private static ReleaseRendered find(List<ReleaseRendered> rendered, String name) {
        return rendered.stream().filter(release -> release.release().name().equals(name)).findFirst().orElseThrow();
    }
}
