package io.flotilla.renderer.render;

import static io.flotilla.renderer.HelmReleaseFiles.FLUX_V2;
import static io.flotilla.renderer.HelmReleaseFiles.fluxV1FromGit;
import static io.flotilla.renderer.HelmReleaseFiles.helmRelease;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.events.ClusterRef;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.renderer.ConfigRepository;

/** Charts in another Git repository than the watched one, taken at the ref the HelmRelease or GitRepository names. */
class GitChartSourceTest {

    private static final ClusterRef PROD = new ClusterRef("prod", Map.of("env", "prod"));

    @TempDir
    Path temp;

    private ConfigRepository fleet;
    private ConfigRepository charts;
    private CommitRenderer renderer;

    @BeforeEach
    void setUp() {
        fleet = ConfigRepository.in(temp.resolve("fleet")).write("README.md", "fleet\n");
        charts = ConfigRepository.in(temp.resolve("charts")).chart("app", "charts/app");
        charts.commit("app chart");
        charts.tag("v1.4.0");
        charts.write("charts/app/values.yaml", "replicas: 1\nimage:\n  repository: registry.example.com/app\n"
                + "  tag: \"2.0.0\"\ngreeting: hello\nservice:\n  port: 80\n");
        charts.commit("app 2.0.0 by default");
        renderer = new CommitRenderer(temp.resolve("work"), () -> List.of(PROD));
    }

    @AfterEach
    void tearDown() {
        renderer.close();
        charts.close();
        fleet.close();
    }

    @Test
    void rendersAFluxV1ChartFromTheBranchOfAnotherRepositoryAndAgainWhenThatBranchMoves() {
        fleet.write("releases/prod/app.yaml", fluxV1FromGit(charts.location(), "main"));

        ReleaseRendered first = renderer.render(fleet.commit("app from the charts repository")).get(0);
        charts.write("charts/app/values.yaml", "replicas: 1\nimage:\n  repository: registry.example.com/app\n"
                + "  tag: \"3.0.0\"\ngreeting: hello\nservice:\n  port: 80\n");
        charts.commit("app 3.0.0 by default");
        List<ReleaseRendered> afterChartChange = renderer.render(fleet.write("README.md", "the fleet\n")
                .commit("an unrelated change"));
        List<ReleaseRendered> afterNothing = renderer.render(fleet.write("README.md", "our fleet\n")
                .commit("another unrelated change"));

        assertThat(first.error()).isNull();
        assertThat(image(first)).isEqualTo("registry.example.com/app:2.0.0");
        assertThat(afterChartChange).singleElement().satisfies(release ->
                assertThat(image(release)).isEqualTo("registry.example.com/app:3.0.0"));
        assertThat(afterNothing).isEmpty();
    }

    @Test
    void rendersAFluxV2ChartFromAGitRepositoryAtItsTagAndAtItsSemverRange() {
        fleet.write("flux-system/charts.yaml", gitRepository(charts.location(), "tag: v1.4.0"))
                .write("releases/prod/app.yaml", helmRelease(FLUX_V2, "apps", "app", """
                        chart:
                          spec:
                            chart: ./charts/app
                            sourceRef:
                              kind: GitRepository
                              name: charts
                              namespace: flux-system
                        """));
        ReleaseRendered atTag = renderer.render(fleet.commit("app at v1.4.0")).get(0);
        charts.tag("v1.5.0");
        fleet.write("flux-system/charts.yaml", gitRepository(charts.location(), "semver: \">=1.4.0 <2.0.0\""));
        ReleaseRendered inRange = renderer.render(fleet.commit("app in 1.x")).get(0);

        assertThat(atTag.error()).isNull();
        assertThat(image(atTag)).isEqualTo("registry.example.com/app:1.0.0");
        assertThat(inRange.error()).isNull();
        assertThat(image(inRange)).isEqualTo("registry.example.com/app:2.0.0");
    }

    @Test
    void reportsAnUnreachableRepositoryAndARefItLacksAndRendersTheRest() {
        fleet.write("releases/prod/gone.yaml", fluxV1FromGit(temp.resolve("nowhere").toString(), "main")
                        .replace("name: app", "name: gone"))
                .write("releases/prod/typo.yaml", fluxV1FromGit(charts.location(), "mian").replace("name: app", "name: typo"))
                .write("releases/prod/app.yaml", fluxV1FromGit(charts.location(), "main"));

        List<ReleaseRendered> rendered = renderer.render(fleet.commit("bad chart repositories"));

        assertThat(find(rendered, "apps-gone").error()).startsWith("releases/prod/gone.yaml: HelmRelease apps/gone:"
                + " spec.chart.path: the chart's repository " + temp.resolve("nowhere") + " at name 'main' cannot be"
                + " read: cannot fetch ");
        assertThat(find(rendered, "apps-typo").error()).isEqualTo("releases/prod/typo.yaml: HelmRelease apps/typo:"
                + " spec.chart.path: the chart's repository " + charts.location() + " at name 'mian' cannot be read: "
                + charts.location() + " has no name 'mian'");
        assertThat(find(rendered, "apps-app").error()).isNull();
    }

    private static String gitRepository(String url, String ref) {
        return """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata:
                  name: charts
                  namespace: flux-system
                spec:
                  url: %s
                  ref:
                    %s
                """.formatted(url, ref);
    }

    private static ReleaseRendered find(List<ReleaseRendered> rendered, String name) {
        return rendered.stream().filter(release -> release.release().name().equals(name)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static String image(ReleaseRendered release) {
        Map<String, Object> deployment = release.objects().objects().stream()
                .filter(object -> "Deployment".equals(object.get("kind"))).findFirst().orElseThrow();
        Map<String, Object> spec = (Map<String, Object>) deployment.get("spec");
        Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
        return (String) ((List<Map<String, Object>>) pod.get("containers")).get(0).get("image");
    }
}
