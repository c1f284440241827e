package io.flotilla.renderer.release;

import static io.flotilla.renderer.HelmReleaseFiles.FLUX_V2;
import static io.flotilla.renderer.HelmReleaseFiles.helmRelease;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fleetSource;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV1;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.renderer.ConfigRepository;
import io.flotilla.renderer.kustomize.Kustomize;
import io.flotilla.renderer.kustomize.KustomizeBuilds;
import io.flotilla.renderer.release.DeclaredRelease.HelmChart;
import io.flotilla.renderer.release.DeclaredRelease.Invalid;
import io.flotilla.renderer.release.DeclaredRelease.Manifests;
import io.flotilla.renderer.source.RepositoryCache;

class ReleaseScannerTest {

    @TempDir
    Path temp;

    private ConfigRepository repo;
    private RepositoryCache clones;

    @BeforeEach
    void setUp() {
        repo = ConfigRepository.in(temp.resolve("fleet")).chart("app", "charts/app");
        clones = new RepositoryCache(temp.resolve("clones"));
    }

    @AfterEach
    void tearDown() {
        clones.close();
        repo.close();
    }

    @Test
    void namesAFluxV1ReleaseAfterTheHelmReleaseNamespaceAndName() {
        repo.write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/app", ""));

        assertThat(scan()).singleElement().satisfies(release -> {
            assertThat(release.format()).isEqualTo(ReleaseFormat.FLUX_V1);
            assertThat(release.namespace()).isEqualTo("apps");
            assertThat(release.name()).isEqualTo("apps-app");
            assertThat(release.sourceFile()).isEqualTo("releases/dev/app.yaml");
            assertThat(release.folder()).isEqualTo("releases/dev");
            assertThat(release.content()).isEqualTo(new HelmChart("releases/dev/app.yaml: HelmRelease apps/app",
                    new ChartLocation("charts/app", "spec.chart.path"), Map.of(),
                    List.of(), ReleaseOptions.DEFAULTS));
        });
    }

    @Test
    void namesAFluxV1ReleaseWithoutNamespaceInTheDefaultNamespace() {
        repo.write("app.yaml", fluxV1("apps", "app", "charts/app", "").replace("  namespace: apps\n", ""));

        assertThat(scan()).singleElement().satisfies(release -> {
            assertThat(release.namespace()).isEqualTo("default");
            assertThat(release.name()).isEqualTo("default-app");
        });
    }

    @Test
    void takesTheReleaseNameAndTargetNamespaceAFluxV1HelmReleaseGives() {
        repo.write("app.yaml", fluxV1("apps", "app", "charts/app", """
                releaseName: web
                targetNamespace: web-prod
                """));

        assertThat(scan()).singleElement().satisfies(release -> {
            assertThat(release.namespace()).isEqualTo("web-prod");
            assertThat(release.name()).isEqualTo("web");
        });
    }

    @Test
    void namesAFluxV2ReleaseAfterTheHelmReleaseAlone() {
        repo.write("flux-system/source.yaml", fleetSource())
                .write("releases/prod/app.yaml", fluxV2("apps", "app", "./charts/app", ""));

        assertThat(scan()).singleElement().satisfies(release -> {
            assertThat(release.format()).isEqualTo(ReleaseFormat.FLUX_V2);
            assertThat(release.namespace()).isEqualTo("apps");
            assertThat(release.name()).isEqualTo("app");
            assertThat(release.content()).isEqualTo(new HelmChart("releases/prod/app.yaml: HelmRelease apps/app",
                    new ChartLocation("./charts/app", "spec.chart.spec.chart"), Map.of(),
                    List.of(), ReleaseOptions.builder().intervalSeconds(300).build()));
        });
    }

    @Test
    void prefixesAFluxV2ReleaseNameWithItsTargetNamespace() {
        repo.write("flux-system/source.yaml", fleetSource())
                .write("app.yaml", fluxV2("apps", "app", "./charts/app", "targetNamespace: web"));

        assertThat(scan()).singleElement().satisfies(release -> {
            assertThat(release.namespace()).isEqualTo("web");
            assertThat(release.name()).isEqualTo("web-app");
        });
    }

    @Test
    void takesTheReleaseNameAFluxV2HelmReleaseGives() {
        repo.write("flux-system/source.yaml", fleetSource())
                .write("app.yaml", fluxV2("apps", "app", "./charts/app", """
                        releaseName: frontend
                        targetNamespace: web
                        """));

        assertThat(scan()).singleElement().satisfies(release -> {
            assertThat(release.namespace()).isEqualTo("web");
            assertThat(release.name()).isEqualTo("frontend");
        });
    }

    @Test
    void acceptsFluxV2BetaHelmReleases() {
        repo.write("flux-system/source.yaml", fleetSource())
                .write("beta1.yaml", fluxV2("apps", "one", "charts/app", "")
                        .replace("helm.toolkit.fluxcd.io/v2", "helm.toolkit.fluxcd.io/v2beta1"))
                .write("beta2.yaml", fluxV2("apps", "two", "charts/app", "")
                        .replace("helm.toolkit.fluxcd.io/v2", "helm.toolkit.fluxcd.io/v2beta2"));

        assertThat(scan()).extracting(DeclaredRelease::name, DeclaredRelease::format).containsExactly(
                tuple("one", ReleaseFormat.FLUX_V2),
                tuple("two", ReleaseFormat.FLUX_V2));
    }

    @Test
    void readsTheInlineValues() {
        repo.write("app.yaml", fluxV1("apps", "app", "charts/app", """
                values:
                  replicas: 3
                  image:
                    tag: "2.0"
                """));

        assertThat(scan()).singleElement().satisfies(release -> assertThat(((HelmChart) release.content()).values())
                .isEqualTo(Map.of("replicas", 3, "image", Map.of("tag", "2.0"))));
    }

    @Test
    void refusesValuesFromAConfigMapTheRepositoryDoesNotHold() {
        repo.write("flux-system/source.yaml", fleetSource()).write("app.yaml", fluxV2("apps", "app", "./charts/app", """
                valuesFrom:
                  - kind: ConfigMap
                    name: app-values
                """));

        assertThat(scan()).singleElement().satisfies(release -> assertThat(release.content()).isEqualTo(new Invalid(
                "app.yaml: HelmRelease apps/app: spec.valuesFrom[0]: ConfigMap apps/app-values is not in the repository")));
    }

    @Test
    void reportsAFluxV2SourceThatTheRepositoryDoesNotDefine() {
        repo.write("app.yaml", fluxV2("apps", "app", "./charts/app", ""));

        assertThat(scan()).singleElement().satisfies(release -> assertThat(release.content()).isEqualTo(new Invalid(
                "app.yaml: HelmRelease apps/app: spec.chart.spec.sourceRef: GitRepository flux-system/fleet is not"
                        + " defined in the repository")));
    }

    @Test
    void looksForTheFluxV2SourceInTheHelmReleaseNamespaceWhenTheReferenceHasNone() {
        repo.write("source.yaml", fleetSource().replace("namespace: flux-system", "namespace: apps"))
                .write("app.yaml", fluxV2("apps", "app", "./charts/app", "").replace("    namespace: flux-system\n", ""));

        assertThat(scan()).singleElement().satisfies(release -> assertThat(release.content())
                .isInstanceOf(HelmChart.class));
    }

    @Test
    void reportsAFluxV2HelmReleaseWithoutAChart() {
        repo.write("flux-system/source.yaml", fleetSource()).write("app.yaml", helmRelease(FLUX_V2, "apps", "app", """
                chart:
                  spec:
                    sourceRef:
                      kind: GitRepository
                      name: fleet
                      namespace: flux-system
                """));

        assertThat(scan()).singleElement().satisfies(release -> assertThat(release.content()).isEqualTo(new Invalid(
                "app.yaml: HelmRelease apps/app: spec.chart.spec.chart is required")));
    }

    @Test
    void reportsAHelmReleaseWithoutNameOnItsFolder() {
        repo.write("apps/app.yaml", fluxV1("apps", "app", "charts/app", "").replace("  name: app\n", ""));

        assertThat(scan()).singleElement().satisfies(release -> {
            assertThat(release.format()).isEqualTo(ReleaseFormat.MANIFESTS);
            assertThat(release.name()).isEqualTo("apps");
            assertThat(release.content()).isEqualTo(new Invalid(
                    "apps/app.yaml: HelmRelease in document 1: metadata.name is required"));
        });
    }

    @Test
    void formsOneReleaseOfPlainManifestsPerFolderNamedAfterIt() {
        repo.write("common/namespaces/a.yaml", namespace("a") + "---\n" + namespace("b"))
                .write("common/namespaces/c.yml", namespace("c"))
                .write("common/rbac/reader.yaml", """
                        apiVersion: rbac.authorization.k8s.io/v1
                        kind: ClusterRole
                        metadata:
                          name: reader
                        """)
                .write("namespace.yaml", namespace("top"));

        List<DeclaredRelease> releases = scan();

        assertThat(releases).extracting(DeclaredRelease::name, DeclaredRelease::namespace, DeclaredRelease::sourceFile)
                .containsExactly(
                        tuple("root", "default", "."),
                        tuple("common-namespaces", "default", "common/namespaces"),
                        tuple("common-rbac", "default", "common/rbac"));
        assertThat(((Manifests) releases.get(1).content()).objects()).extracting(object -> object.get("metadata"))
                .containsExactly(Map.of("name", "a"), Map.of("name", "b"), Map.of("name", "c"));
    }

    @Test
    void leavesOutChartsDotFoldersValuesFilesAndFluxSources() {
        repo.write(".github/workflows/namespace.yaml", namespace("hidden"))
                .write("apps/values/app.yaml", "image:\n  tag: \"1.0\"\n")
                .write("apps/nested-chart/Chart.yaml", "apiVersion: v2\nname: nested\nversion: 0.1.0\n")
                .write("apps/nested-chart/crds/crd.yaml", namespace("in-a-chart"))
                .write("flux-system/sources.yaml", fleetSource());

        assertThat(scan()).isEmpty();
    }

    @Test
    void reportsAnUnparsableFileOnItsFolderAndKeepsTheOtherFolders() {
        repo.write("common/broken.yaml", "apiVersion: v1\nkind: [Namespace\n")
                .write("common/ok.yaml", namespace("ok"))
                .write("other/ns.yaml", namespace("other"));

        List<DeclaredRelease> releases = scan();

        assertThat(releases).extracting(DeclaredRelease::name).containsExactly("common", "other");
        assertThat(releases.get(0).content()).isEqualTo(new Invalid("common/broken.yaml: invalid YAML at line 3, "
                + "column 1: while parsing a flow sequence: expected ',' or ']', but got <stream end>"));
        assertThat(releases.get(1).content()).isInstanceOf(Manifests.class);
    }

    @Test
    void reportsAManifestWithoutName() {
        repo.write("common/ns.yaml", namespace("ok") + "---\napiVersion: v1\nkind: Namespace\nmetadata: {}\n");

        assertThat(scan()).singleElement().satisfies(release -> assertThat(release.content()).isEqualTo(
                new Invalid("common/ns.yaml: Namespace in document 2: metadata.name is required")));
    }

    private List<DeclaredRelease> scan() {
        CommitDetected commit = repo.commit("scan me");
        return new ReleaseScanner(new KustomizeBuilds(Kustomize.find(Optional.empty()), temp.resolve("kustomize")))
                .scan(clones.snapshot(commit.repository(), commit.sha())).releases();
    }

    private static String namespace(String name) {
        return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n";
    }
}
