package io.flotilla.renderer.render;

import static io.flotilla.testing.fixtures.HelmReleaseYaml.fleetSource;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV2;
import static org.assertj.core.api.Assertions.assertThat;

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
import io.flotilla.renderer.HelmRepositoryServer;
import io.flotilla.renderer.TestCharts;
import io.flotilla.testing.registry.DockerRegistry;

/**
 * A chart whose {@code Chart.yaml} depends on charts of a Helm HTTP repository and of an OCI registry, with a
 * {@code Chart.lock}: Flotilla fetches them as {@code helm dependency build} does, at the versions the lock pins, and
 * renders what Helm renders for the chart with those packages in its {@code charts/}.
 */
class RemoteDependenciesTest {

    private static final ClusterRef PROD = new ClusterRef("prod", Map.of("env", "prod"));

    private static DockerRegistry registry;

    @TempDir
    Path temp;

    private HelmRepositoryServer repository;
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
        repository = HelmRepositoryServer.start(temp.resolve("served")).chart("app", "1.4.0").chart("app", "1.6.0");
        Path packaged = TestCharts.packaged("app", "1.5.0", temp.resolve("pushed"));
        Helm.push().withChart(packaged).withRemote(URI.create(registry.ociUrl("deps"))).plainHttp().call();
        repo = ConfigRepository.in(temp.resolve("fleet")).write("flux-system/fleet.yaml", fleetSource());
        renderer = new CommitRenderer(temp.resolve("work"), () -> List.of(PROD));
    }

    @AfterEach
    void tearDown() {
        renderer.close();
        repo.close();
        repository.close();
    }

    @Test
    void rendersAChartWithDependenciesOnAHelmRepositoryAndAnOciRegistryAsHelmDoesWithThemBuilt() throws Exception {
        repo.write("charts/umbrella/Chart.yaml", umbrella())
                .write("charts/umbrella/Chart.lock", """
                        dependencies:
                          - name: app
                            repository: %s
                            version: 1.4.0
                          - name: app
                            repository: %s
                            version: 1.5.0
                        digest: sha256:0000000000000000000000000000000000000000000000000000000000000000
                        generated: "2026-01-01T00:00:00Z"
                        """.formatted(repository.url(), registry.ociUrl("deps")))
                .write("releases/prod/umbrella.yaml", fluxV2("shop", "umbrella", "./charts/umbrella", ""));

        ReleaseRendered release = renderer.render(repo.commit("an umbrella chart")).get(0);

        assertThat(release.error()).isNull();
        Path built = Files.createDirectories(temp.resolve("helm-own/umbrella/charts"));
        Files.writeString(built.resolveSibling("Chart.yaml"), umbrella());
        for (String version : List.of("1.4.0", "1.5.0")) {
            Path packaged = TestCharts.packaged("app", version, temp.resolve("helm-packages"));
            Files.copy(packaged, built.resolve(packaged.getFileName().toString()));
        }
        List<Map<String, Object>> expected = HelmOutput.objects(new Helm(built.getParent()).template()
                .withName("umbrella").withNamespace("shop").call());
        assertThat(release.objects().objects()).isEqualTo(expected);
        assertThat(repository.chartDownloads()).as("the version the lock pins, not the highest in the range")
                .isEqualTo(1);
        int indexRequests = repository.indexDownloads() + repository.indexNotModified();

        renderer.render(repo.write("README.md", "the fleet\n").commit("unrelated"));

        assertThat(repository.indexDownloads() + repository.indexNotModified())
                .as("versions the lock pins are fetched once for the chart's content").isEqualTo(indexRequests);
    }

    @Test
    void packagesAFileDependencyWithItsHelmignoreBesideARemoteOneAsHelmDependencyBuildDoes() throws Exception {
        String chart = """
                apiVersion: v2
                name: umbrella
                version: 1.0.0
                dependencies:
                  - name: app
                    version: 1.4.0
                    repository: %s
                  - name: local
                    version: 0.1.0
                    repository: file://../local
                """.formatted(repository.url());
        String local = "apiVersion: v2\nname: local\nversion: 0.1.0\n";
        String kept = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kept\n";
        String ignored = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ignored\n";
        repo.write("charts/umbrella/Chart.yaml", chart)
                .write("charts/local/Chart.yaml", local)
                .write("charts/local/.helmignore", "templates/ignored.yaml\n")
                .write("charts/local/templates/kept.yaml", kept)
                .write("charts/local/templates/ignored.yaml", ignored)
                .write("releases/prod/umbrella.yaml", fluxV2("shop", "umbrella", "./charts/umbrella", ""));

        ReleaseRendered release = renderer.render(repo.commit("a local and a remote dependency")).get(0);

        assertThat(release.error()).isNull();
        Path own = temp.resolve("helm-own");
        Files.createDirectories(own.resolve("local/templates"));
        Files.writeString(own.resolve("local/Chart.yaml"), local);
        Files.writeString(own.resolve("local/.helmignore"), "templates/ignored.yaml\n");
        Files.writeString(own.resolve("local/templates/kept.yaml"), kept);
        Files.writeString(own.resolve("local/templates/ignored.yaml"), ignored);
        Path charts = Files.createDirectories(own.resolve("umbrella/charts"));
        Files.writeString(own.resolve("umbrella/Chart.yaml"), chart);
        new Helm(own.resolve("local")).packageIt().withDestination(charts).call();
        Path app = TestCharts.packaged("app", "1.4.0", temp.resolve("helm-packages"));
        Files.copy(app, charts.resolve(app.getFileName().toString()));
        List<Map<String, Object>> expected = HelmOutput.objects(new Helm(own.resolve("umbrella")).template()
                .withName("umbrella").withNamespace("shop").call());
        assertThat(release.objects().objects()).isEqualTo(expected);
        assertThat(release.objects().objects()).extracting(object -> String.valueOf(
                ((Map<?, ?>) object.get("metadata")).get("name"))).contains("kept").doesNotContain("ignored");
    }

    @Test
    void failsTheReleaseWhenChartLockIsOutOfSyncWithChartYamlAsHelmDependencyBuildDoes() {
        repo.write("charts/umbrella/Chart.yaml", umbrella())
                .write("charts/umbrella/Chart.lock", """
                        dependencies:
                          - name: app
                            repository: %s
                            version: 1.4.0
                        digest: sha256:0000000000000000000000000000000000000000000000000000000000000000
                        generated: "2026-01-01T00:00:00Z"
                        """.formatted(repository.url()))
                .write("releases/prod/umbrella.yaml", fluxV2("shop", "umbrella", "./charts/umbrella", ""));

        ReleaseRendered release = renderer.render(repo.commit("a stale lock")).get(0);

        assertThat(release.error()).contains("charts/umbrella/Chart.yaml dependency 'app' ("
                + registry.ociUrl("deps") + "): charts/umbrella/Chart.lock is out of sync with"
                + " charts/umbrella/Chart.yaml (it does not list this dependency)");
        assertThat(repository.chartDownloads()).isZero();
    }

    @Test
    void refusesARepositoryNamedFromHelmsRepositoriesFileWithTheReason() {
        repo.write("charts/umbrella/Chart.yaml", """
                        apiVersion: v2
                        name: umbrella
                        version: 1.0.0
                        dependencies:
                          - name: app
                            version: 1.4.0
                            repository: "@stable"
                        """)
                .write("releases/prod/umbrella.yaml", fluxV2("shop", "umbrella", "./charts/umbrella", ""));

        ReleaseRendered release = renderer.render(repo.commit("a repository by its local name")).get(0);

        assertThat(release.error()).contains("charts/umbrella/Chart.yaml dependency 'app' (@stable): names a"
                + " repository of Helm's repositories.yaml, which Flotilla does not have; give the repository's URL");
    }

    @Test
    void failsTheReleaseNamingChartYamlTheDependencyAndWhyWhenADependencyCannotBeFetched() {
        repo.write("charts/umbrella/Chart.yaml", """
                        apiVersion: v2
                        name: umbrella
                        version: 1.0.0
                        dependencies:
                          - name: missing
                            version: 1.0.0
                            repository: %s
                        """.formatted(repository.url()))
                .write("releases/prod/umbrella.yaml", fluxV2("shop", "umbrella", "./charts/umbrella", ""));

        ReleaseRendered release = renderer.render(repo.commit("a dependency the repository does not have")).get(0);

        assertThat(release.error()).contains("charts/umbrella/Chart.yaml dependency 'missing' (" + repository.url()
                + ")", "chart 'missing' is not in the Helm repository");
    }

    private String umbrella() {
        return """
                apiVersion: v2
                name: umbrella
                version: 1.0.0
                dependencies:
                  - name: app
                    alias: web
                    version: ">=1.0.0"
                    repository: %s
                  - name: app
                    alias: api
                    version: 1.5.0
                    repository: %s
                """.formatted(repository.url(), registry.ociUrl("deps"));
    }
}
