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
import io.flotilla.events.CrdPolicy;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.renderer.ConfigRepository;

/**
 * The Flux v2 HelmRelease fields Flux applies around Helm: {@code postRenderers}, {@code chart.spec.valuesFiles},
 * the CRD policies of install and upgrade; and those Flotilla refuses, with the file, the object and the field.
 */
class FluxV2HelmReleaseFieldsTest {

    private static final ClusterRef PROD = new ClusterRef("prod", Map.of("env", "prod"));

    @TempDir
    Path temp;

    private ConfigRepository repo;
    private CommitRenderer renderer;

    @BeforeEach
    void setUp() {
        repo = ConfigRepository.in(temp.resolve("fleet")).chart("app", "charts/app")
                .write("flux-system/sources.yaml", fleetSource());
        renderer = new CommitRenderer(temp.resolve("work"), () -> List.of(PROD));
    }

    @AfterEach
    void tearDown() {
        renderer.close();
        repo.close();
    }

    @Test
    void runsHelmsOutputThroughTheKustomizePostRenderersInOrder() {
        repo.write("releases/prod/plain.yaml", fluxV2("apps", "plain", "./charts/app", ""))
                .write("releases/prod/patched.yaml", fluxV2("apps", "patched", "./charts/app", """
                        postRenderers:
                          - kustomize:
                              patches:
                                - target:
                                    kind: Deployment
                                  patch: |
                                    - op: add
                                      path: /metadata/labels/team
                                      value: shop
                              images:
                                - name: registry.example.com/app
                                  newTag: "2.0.0"
                          - kustomize:
                              patches:
                                - target:
                                    kind: Deployment
                                  patch: |
                                    - op: replace
                                      path: /metadata/labels/team
                                      value: checkout
                        """));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("post-renderers"));

        Map<String, Object> plain = deployment(release(rendered, "plain"));
        Map<String, Object> patched = deployment(release(rendered, "patched"));
        assertThat(release(rendered, "patched").error()).isNull();
        assertThat(labels(patched)).containsEntry("team", "checkout");
        assertThat(labels(plain)).doesNotContainKey("team");
        assertThat(image(patched)).isEqualTo("registry.example.com/app:2.0.0");
        assertThat(image(plain)).isEqualTo("registry.example.com/app:1.0.0");
        assertThat(release(rendered, "patched").objectCount()).isEqualTo(release(rendered, "plain").objectCount());
    }

    @Test
    void mergesTheChartsValuesFilesInOrderUnderTheReleasesValues() {
        repo.write("charts/app/values-prod.yaml", "greeting: bonjour\nreplicas: 3\n")
                .write("charts/app/values-eu.yaml", "greeting: hallo\n")
                .write("releases/prod/app.yaml", fluxV2("apps", "app", "./charts/app", """
                        values:
                          replicas: 5
                        """).replace("      chart: ./charts/app\n", """
                              chart: ./charts/app
                              valuesFiles:
                                - ./charts/app/values-prod.yaml
                                - charts/app/values-eu.yaml
                        """));

        ReleaseRendered app = renderer.render(repo.commit("values files")).get(0);

        assertThat(app.error()).isNull();
        Map<String, Object> config = app.objects().objects().stream()
                .filter(object -> "ConfigMap".equals(object.get("kind"))).findFirst().orElseThrow();
        assertThat(config.get("data")).isEqualTo(Map.of("GREETING", "hallo"));
        assertThat(((Map<?, ?>) deployment(app).get("spec")).get("replicas")).isEqualTo(5);
    }

    @Test
    void refusesKubeConfigAndVerifyNamingTheFileTheObjectAndTheField() {
        repo.write("releases/prod/remote.yaml", fluxV2("apps", "remote", "./charts/app", """
                kubeConfig:
                  secretRef:
                    name: remote
                """))
                .write("releases/prod/verified.yaml", fluxV2("apps", "verified", "./charts/app", "")
                        .replace("      chart: ./charts/app\n", """
                                      chart: ./charts/app
                                      verify:
                                        provider: cosign
                                """))
                .write("releases/prod/outside.yaml", fluxV2("apps", "outside", "./charts/app", "")
                        .replace("      chart: ./charts/app\n", """
                                      chart: ./charts/app
                                      valuesFiles: [releases/prod/values.yaml]
                                """))
                .write("releases/prod/fine.yaml", fluxV2("apps", "fine", "./charts/app", ""));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("refused"));

        assertThat(release(rendered, "remote").error()).isEqualTo("releases/prod/remote.yaml: HelmRelease apps/remote:"
                + " spec.kubeConfig: installing on another cluster than the one targeted is not supported; remove"
                + " spec.kubeConfig and send the file to that cluster with flotilla.yaml");
        assertThat(release(rendered, "verified").error()).isEqualTo("releases/prod/verified.yaml: HelmRelease"
                + " apps/verified: spec.chart.spec.verify: chart signatures are not verified by Flotilla; remove"
                + " spec.chart.spec.verify, or keep the release with Flux");
        assertThat(release(rendered, "outside").error()).isEqualTo("releases/prod/outside.yaml: HelmRelease"
                + " apps/outside: spec.chart.spec.valuesFiles[0] 'releases/prod/values.yaml' is not in the chart's"
                + " folder 'charts/app'; keep values files in the chart");
        assertThat(release(rendered, "fine").error()).isNull();
    }

    @Test
    void readsTheCrdPoliciesOfInstallAndUpgradeWithFluxsDefaults() {
        repo.write("releases/prod/defaults.yaml", fluxV2("apps", "defaults", "./charts/app", ""))
                .write("releases/prod/replacing.yaml", fluxV2("apps", "replacing", "./charts/app", """
                        install:
                          crds: Skip
                        upgrade:
                          crds: CreateReplace
                        """));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("crds"));

        assertThat(release(rendered, "defaults").options().crds()).isEqualTo(CrdPolicy.CREATE);
        assertThat(release(rendered, "defaults").options().upgradeCrds()).isEqualTo(CrdPolicy.SKIP);
        assertThat(release(rendered, "replacing").options().crds()).isEqualTo(CrdPolicy.SKIP);
        assertThat(release(rendered, "replacing").options().upgradeCrds()).isEqualTo(CrdPolicy.CREATE_REPLACE);
    }

    private static ReleaseRendered release(List<ReleaseRendered> rendered, String name) {
        return rendered.stream().filter(release -> release.release().name().equals(name)).findFirst().orElseThrow();
    }

    private static Map<String, Object> deployment(ReleaseRendered release) {
        return release.objects().objects().stream().filter(object -> "Deployment".equals(object.get("kind")))
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> labels(Map<String, Object> object) {
        return (Map<String, Object>) ((Map<?, ?>) object.get("metadata")).get("labels");
    }

    private static Object image(Map<String, Object> deployment) {
        Map<?, ?> template = (Map<?, ?>) ((Map<?, ?>) deployment.get("spec")).get("template");
        List<?> containers = (List<?>) ((Map<?, ?>) template.get("spec")).get("containers");
        return ((Map<?, ?>) containers.get(0)).get("image");
    }
}
