package io.flotilla.renderer.release;

import static io.flotilla.testing.fixtures.KustomizationYaml.kustomization;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fleetSource;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.renderer.ConfigRepository;
import io.flotilla.renderer.kustomize.Kustomize;
import io.flotilla.renderer.kustomize.KustomizeBuilds;
import io.flotilla.renderer.release.DeclaredRelease.HelmChart;
import io.flotilla.renderer.release.DeclaredRelease.Invalid;
import io.flotilla.renderer.release.DeclaredRelease.Manifests;
import io.flotilla.renderer.source.RepositoryCache;

/**
 * HelmReleases, Flux sources and Kustomizations that kustomize builds are read as Flux applies them: as built
 * (patched per environment, substituted, in the target namespace), named and sent by the Kustomization that builds
 * them, and never also from the base files they came from. The layout is a small flux2-kustomize-helm-example.
 */
class KustomizedDeclarationsTest {

    private static final String PODINFO_BASE = """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            namespace: podinfo
            resources:
              - namespace.yaml
              - repository.yaml
              - release.yaml
            """;
    private static final String PODINFO_RELEASE = """
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata:
              name: podinfo
            spec:
              interval: 50m
              chart:
                spec:
                  chart: podinfo
                  version: ">=6.0.0"
                  sourceRef:
                    kind: HelmRepository
                    name: podinfo
              values:
                replicaCount: 1
                ingress:
                  enabled: true
            """;
    private static final String PODINFO_REPOSITORY = """
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: HelmRepository
            metadata:
              name: podinfo
            spec:
              interval: 5m
              url: https://stefanprodan.github.io/podinfo
            """;

    @TempDir
    Path temp;

    private ConfigRepository repo;
    private RepositoryCache clones;

    @BeforeEach
    void setUp() {
        repo = ConfigRepository.in(temp.resolve("fleet"))
                .write("apps/base/podinfo/kustomization.yaml", PODINFO_BASE)
                .write("apps/base/podinfo/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n"
                        + "  name: podinfo\n")
                .write("apps/base/podinfo/repository.yaml", PODINFO_REPOSITORY)
                .write("apps/base/podinfo/release.yaml", PODINFO_RELEASE);
        clones = new RepositoryCache(temp.resolve("clones"));
    }

    @AfterEach
    void tearDown() {
        clones.close();
        repo.close();
    }

    @Test
    void readsEachClustersPatchedHelmReleaseAsKustomizeBuildsItAndNeverTheBase() throws Exception {
        overlay("staging", ">=6.0.0-0", "replicaCount: 1");
        overlay("production", "6.5.x", "replicaCount: 3");
        bootstrap("staging");
        bootstrap("production");

        CommitDeclarations declared = scan();

        assertThat(declared.releases()).extracting(DeclaredRelease::format, DeclaredRelease::namespace,
                DeclaredRelease::name, DeclaredRelease::sourceFile, DeclaredRelease::folder).containsExactlyInAnyOrder(
                tuple(ReleaseFormat.KUSTOMIZATION, "flux-system", "apps", "clusters/production/apps.yaml",
                        "clusters/production"),
                tuple(ReleaseFormat.KUSTOMIZATION, "flux-system", "flux-system",
                        "clusters/production/flux-system/gotk-sync.yaml", "clusters/production/flux-system"),
                tuple(ReleaseFormat.FLUX_V2, "podinfo", "podinfo", "clusters/production/apps.yaml",
                        "clusters/production"),
                tuple(ReleaseFormat.KUSTOMIZATION, "flux-system", "apps", "clusters/staging/apps.yaml",
                        "clusters/staging"),
                tuple(ReleaseFormat.KUSTOMIZATION, "flux-system", "flux-system",
                        "clusters/staging/flux-system/gotk-sync.yaml", "clusters/staging/flux-system"),
                tuple(ReleaseFormat.FLUX_V2, "podinfo", "podinfo", "clusters/staging/apps.yaml",
                        "clusters/staging"));
        for (String cluster : List.of("staging", "production")) {
            Map<String, Object> built = builtHelmRelease("apps/" + cluster);
            Map<?, ?> spec = (Map<?, ?>) built.get("spec");
            Map<?, ?> chartSpec = (Map<?, ?>) ((Map<?, ?>) spec.get("chart")).get("spec");
            HelmChart chart = (HelmChart) podinfo(declared, cluster).content();
            assertThat(chart.origin()).isEqualTo("clusters/" + cluster + "/apps.yaml: HelmRelease podinfo/podinfo");
            assertThat(chart.values()).isEqualTo(spec.get("values"));
            assertThat(chart.chart()).isInstanceOfSatisfying(RepositoryChart.class, repository -> {
                assertThat(repository.url()).isEqualTo("https://stefanprodan.github.io/podinfo");
                assertThat(repository.version()).isEqualTo(chartSpec.get("version"));
            });
        }
        assertThat(((HelmChart) podinfo(declared, "production").content()).values())
                .isEqualTo(Map.of("replicaCount", 3, "ingress", Map.of("enabled", true,
                        "hosts", List.of(Map.of("host", "podinfo.production")))));
        Manifests apps = (Manifests) release(declared, "clusters/staging/apps.yaml", "apps").content();
        assertThat(apps.objects()).extracting(object -> object.get("kind")).containsExactly("Namespace");
    }

    @Test
    void substitutesPostBuildVariablesInAHelmReleaseInItsTargetNamespace() {
        repo.write("clusters/prod/apps.yaml", kustomization("apps", "./apps/base/podinfo", """
                targetNamespace: web
                postBuild:
                  substitute:
                    replicas: "2"
                """))
                .write("apps/base/podinfo/release.yaml", PODINFO_RELEASE.replace("replicaCount: 1",
                        "replicaCount: ${replicas}\n    host: ${domain:=podinfo.example.com}"));

        CommitDeclarations declared = scan();

        DeclaredRelease podinfo = release(declared, "clusters/prod/apps.yaml", "podinfo");
        assertThat(podinfo.namespace()).isEqualTo("web");
        HelmChart chart = (HelmChart) podinfo.content();
        assertThat(chart.origin()).isEqualTo("clusters/prod/apps.yaml: HelmRelease web/podinfo");
        assertThat(chart.values()).isEqualTo(Map.of("replicaCount", 2, "host", "podinfo.example.com",
                "ingress", Map.of("enabled", true)));
        // The HelmRepository is read as built too: in the target namespace, where the HelmRelease looks for it.
        assertThat(chart.chart()).isInstanceOf(RepositoryChart.class);
    }

    @Test
    void takesValuesFromTheConfigMapAnOverlayGeneratesUnderItsHashedName() throws Exception {
        repo.write("apps/dev/kustomization.yaml", """
                namespace: podinfo
                resources: [../base/podinfo]
                configMapGenerator:
                  - name: podinfo-values
                    files: [values.yaml=dev-values.yaml]
                patches:
                  - target:
                      kind: HelmRelease
                    patch: |-
                      - op: add
                        path: /spec/valuesFrom
                        value: [{kind: ConfigMap, name: podinfo-values}]
                configurations: [kustomizeconfig.yaml]
                """)
                .write("apps/dev/dev-values.yaml", "replicaCount: 5\n")
                .write("apps/dev/kustomizeconfig.yaml", """
                        nameReference:
                          - kind: ConfigMap
                            version: v1
                            fieldSpecs:
                              - path: spec/valuesFrom/name
                                kind: HelmRelease
                        """)
                .write("clusters/dev/apps.yaml", kustomization("apps", "./apps/dev", ""));

        CommitDeclarations declared = scan();

        Map<?, ?> valuesFrom = (Map<?, ?>) ((List<?>) ((Map<?, ?>) builtHelmRelease("apps/dev").get("spec"))
                .get("valuesFrom")).get(0);
        assertThat(String.valueOf(valuesFrom.get("name"))).startsWith("podinfo-values-");
        HelmChart chart = (HelmChart) release(declared, "clusters/dev/apps.yaml", "podinfo").content();
        assertThat(chart.valuesFrom()).containsExactly(
                new ValuesLayer.Read("spec.valuesFrom[0]", Map.of("replicaCount", 5), false));
    }

    @Test
    void readsTheHelmReleasesOfAKustomizationFolderNamedByItsKustomizationFile() {
        repo.chart("app", "charts/app")
                .write("legacy/kustomization.yaml", "resources: [app.yaml]\nnamespace: legacy\n")
                .write("legacy/app.yaml", fluxV1("apps", "app", "charts/app", ""));

        CommitDeclarations declared = scan();

        assertThat(declared.releases()).extracting(DeclaredRelease::format, DeclaredRelease::name,
                DeclaredRelease::sourceFile).containsExactlyInAnyOrder(
                tuple(ReleaseFormat.MANIFESTS, "apps-base-podinfo", "apps/base/podinfo"),
                tuple(ReleaseFormat.FLUX_V2, "podinfo", "apps/base/podinfo/kustomization.yaml"),
                tuple(ReleaseFormat.MANIFESTS, "legacy", "legacy"),
                tuple(ReleaseFormat.FLUX_V1, "legacy-app", "legacy/kustomization.yaml"));
        assertThat(release(declared, "apps/base/podinfo/kustomization.yaml", "podinfo").namespace())
                .isEqualTo("podinfo");
    }

    @Test
    void followsNestedKustomizationsAndFailsACycleNamingIt() {
        repo.write("clusters/prod/infra.yaml", kustomization("infra", "./infra", ""))
                .write("infra/apps.yaml", kustomization("apps", "./apps/base/podinfo", ""))
                .write("clusters/dev/kustomization.yaml", "resources: [apps.yaml]\n")
                .write("clusters/dev/apps.yaml", kustomization("dev-apps", "./apps/base/podinfo", ""))
                .write("loop/a/a.yaml", kustomization("a", "./loop/b", ""))
                .write("loop/b/b.yaml", kustomization("b", "./loop/a", ""));

        CommitDeclarations declared = scan();

        assertThat(release(declared, "clusters/prod/infra.yaml", "infra").content()).isInstanceOf(Manifests.class);
        assertThat(release(declared, "infra/apps.yaml", "apps").content()).isInstanceOf(Manifests.class);
        assertThat(release(declared, "infra/apps.yaml", "podinfo").content()).isInstanceOf(HelmChart.class);
        assertThat(release(declared, "clusters/dev/apps.yaml", "dev-apps").content()).isInstanceOf(Manifests.class);
        assertThat(release(declared, "clusters/dev/apps.yaml", "podinfo").content()).isInstanceOf(HelmChart.class);
        assertThat(release(declared, "loop/a/a.yaml", "a").content()).isEqualTo(new Invalid("loop/a/a.yaml:"
                + " Kustomization flux-system/a: only Kustomizations it builds build its file, a cycle"
                + " (flux-system/a (loop/a/a.yaml) is built by flux-system/b (loop/b/b.yaml) is built by"
                + " flux-system/a), so none of them is applied; keep each Kustomization's file out of the paths of"
                + " the Kustomizations it builds"));
        assertThat(release(declared, "loop/b/b.yaml", "b").content()).isInstanceOf(Invalid.class);
    }

    @Test
    void keepsWhatAFailedBuildWouldMakeAsUnreadableNotGone() {
        overlay("staging", ">=6.0.0-0", "replicaCount: 1");
        bootstrap("staging");
        repo.write("apps/staging/kustomization.yaml", "resources: [../base/podinfo, missing.yaml]\n");

        CommitDeclarations declared = scan();

        assertThat(release(declared, "clusters/staging/apps.yaml", "apps").content())
                .isInstanceOfSatisfying(Invalid.class, invalid -> assertThat(invalid.error())
                        .startsWith("clusters/staging/apps.yaml: Kustomization flux-system/apps: spec.path"
                                + " './apps/staging': ").contains("missing.yaml"));
        assertThat(declared.releases()).noneMatch(release -> release.name().equals("podinfo"));
        assertThat(declared.unreadableFiles())
                .containsKeys("clusters/staging/apps.yaml", "apps/base/podinfo/release.yaml");
    }

    /** {@code apps/<cluster>}: the podinfo base with the HelmRelease patched, as the example's overlays do. */
    private void overlay(String cluster, String version, String values) {
        repo.write("apps/" + cluster + "/kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: podinfo
                resources:
                  - ../base/podinfo
                patches:
                  - path: podinfo-values.yaml
                    target:
                      kind: HelmRelease
                """)
                .write("apps/" + cluster + "/podinfo-values.yaml", """
                        apiVersion: helm.toolkit.fluxcd.io/v2
                        kind: HelmRelease
                        metadata:
                          name: podinfo
                          namespace: podinfo
                        spec:
                          chart:
                            spec:
                              version: "%s"
                          values:
                            %s
                            ingress:
                              hosts:
                                - host: podinfo.%s
                        """.formatted(version, values, cluster));
    }

    /** {@code clusters/<cluster>}, as flux bootstrap writes it, with a Kustomization of {@code apps/<cluster>}. */
    private void bootstrap(String cluster) {
        repo.write("clusters/" + cluster + "/flux-system/kustomization.yaml", "resources: [gotk-sync.yaml]\n")
                .write("clusters/" + cluster + "/flux-system/gotk-sync.yaml",
                        fleetSource().replace("name: fleet", "name: flux-system") + "---\n"
                                + kustomization("flux-system", "./clusters/" + cluster, ""))
                .write("clusters/" + cluster + "/apps.yaml", kustomization("apps", "./apps/" + cluster, ""));
    }

    private CommitDeclarations scan() {
        CommitDetected commit = repo.commit("overlays");
        return new ReleaseScanner(new KustomizeBuilds(Kustomize.find(Optional.empty()), temp.resolve("kustomize")))
                .scan(clones.snapshot(commit.repository(), commit.sha()));
    }

    private static DeclaredRelease podinfo(CommitDeclarations declared, String cluster) {
        return release(declared, "clusters/" + cluster + "/apps.yaml", "podinfo");
    }

    private static DeclaredRelease release(CommitDeclarations declared, String sourceFile, String name) {
        return declared.releases().stream().filter(release -> release.sourceFile().equals(sourceFile)
                && release.name().equals(name)).findFirst().orElseThrow();
    }

    /** The HelmRelease {@code kubectl kustomize} builds from {@code folder} of the repository. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> builtHelmRelease(String folder) throws Exception {
        Process process = new ProcessBuilder("kubectl", "kustomize", Path.of(repo.location()).resolve(folder)
                .toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return YamlDocuments.parse(output).stream().map(document -> (Map<String, Object>) document)
                .filter(object -> "HelmRelease".equals(object.get("kind"))).findFirst().orElseThrow();
    }
}
