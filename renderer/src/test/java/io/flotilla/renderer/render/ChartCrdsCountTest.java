package io.flotilla.renderer.render;

import static io.flotilla.testing.fixtures.HelmReleaseYaml.fleetSource;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV2;
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

/**
 * A release tells the applier how many of its objects, at their start, are the chart's {@code crds/} CRDs, so that it
 * applies them as the release's CRD policies say and a templated CRD as any other object of the release.
 */
class ChartCrdsCountTest {

    private static final ClusterRef PROD = new ClusterRef("prod", Map.of("env", "prod"));

    @TempDir
    Path temp;

    private ConfigRepository repo;
    private CommitRenderer renderer;

    @BeforeEach
    void setUp() {
        repo = ConfigRepository.in(temp.resolve("fleet")).write("flux-system/sources.yaml", fleetSource())
                .write("charts/gadgets/Chart.yaml", "apiVersion: v2\nname: gadgets\nversion: 1.0.0\n")
                .write("charts/gadgets/crds/gadgets.yaml", crd("gadgets", "Gadget"))
                .write("charts/gadgets/crds/widgets.yaml", crd("widgets", "Widget"))
                .write("charts/gadgets/templates/sprockets.yaml", crd("sprockets", "Sprocket"))
                .write("charts/gadgets/templates/settings.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: {{ .Release.Name }}-settings
                        data:
                          size: small
                        """);
        renderer = new CommitRenderer(temp.resolve("work"), () -> List.of(PROD));
    }

    @AfterEach
    void tearDown() {
        renderer.close();
        repo.close();
    }

    @Test
    void countsTheCrdsOfTheChartsCrdsFolderAheadOfTheTemplatedOnes() {
        repo.write("releases/prod/gadgets.yaml", fluxV2("apps", "gadgets", "./charts/gadgets", ""));

        ReleaseRendered release = renderer.render(repo.commit("gadgets")).get(0);

        assertThat(release.error()).isNull();
        assertThat(release.chartCrds()).isEqualTo(2);
        assertThat(names(release).subList(0, 2)).containsExactlyInAnyOrder("gadgets.example.com",
                "widgets.example.com");
        assertThat(names(release).subList(2, names(release).size()))
                .containsExactlyInAnyOrder("sprockets.example.com", "gadgets-settings");
    }

    @Test
    void rendersTheChartsCrdsWhenOnlyTheUpgradePolicyAppliesThem() {
        repo.write("releases/prod/gadgets.yaml", fluxV2("apps", "gadgets", "./charts/gadgets", """
                install:
                  crds: Skip
                upgrade:
                  crds: CreateReplace
                """));

        ReleaseRendered release = renderer.render(repo.commit("gadgets, CRDs replaced on upgrade only")).get(0);

        assertThat(release.chartCrds()).isEqualTo(2);
    }

    @Test
    void countsNoneWhenBothPoliciesSkipTheChartsCrds() {
        repo.write("releases/prod/gadgets.yaml", fluxV2("apps", "gadgets", "./charts/gadgets", """
                install:
                  crds: Skip
                """));

        ReleaseRendered release = renderer.render(repo.commit("gadgets without their CRDs")).get(0);

        assertThat(release.chartCrds()).isZero();
        assertThat(names(release)).containsExactlyInAnyOrder("sprockets.example.com", "gadgets-settings");
    }

    private static List<String> names(ReleaseRendered release) {
        return release.objects().objects().stream()
                .map(object -> String.valueOf(((Map<?, ?>) object.get("metadata")).get("name"))).toList();
    }

    private static String crd(String plural, String kind) {
        return """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: %1$s.example.com
                spec:
                  group: example.com
                  names:
                    kind: %2$s
                    plural: %1$s
                  scope: Namespaced
                  versions:
                    - name: v1
                      served: true
                      storage: true
                      schema:
                        openAPIV3Schema:
                          type: object
                """.formatted(plural, kind);
    }
}
