package io.flotilla.renderer.render;

import static io.flotilla.renderer.HelmReleaseFiles.FLUX_V2;
import static io.flotilla.renderer.HelmReleaseFiles.helmRelease;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fleetSource;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV2;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV2FromHelmRepository;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.helmRepository;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marcnuri.helm.Helm;

import io.flotilla.events.ClusterRef;
import io.flotilla.events.CommitDetected;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.git.GitCredentials;
import io.flotilla.git.SealedSourceAccess;
import io.flotilla.git.secret.SecretRef;
import io.flotilla.git.secret.SourceSecrets;
import io.flotilla.renderer.ConfigRepository;
import io.flotilla.renderer.HelmRepositoryServer;
import io.flotilla.renderer.TestCharts;
import io.flotilla.renderer.cluster.ClusterCapabilities;
import io.flotilla.renderer.kustomize.Kustomize;
import io.flotilla.renderer.source.RepositoryUnavailableException;
import io.flotilla.testing.fixtures.TestSecretKeys;
import io.flotilla.testing.git.GitHttpServer;
import io.flotilla.testing.git.GitRepo;
import io.flotilla.testing.registry.DockerRegistry;

/**
 * Private sources rendered with the Secrets their Flux sources name, kept outside Git (here a folder of files, as
 * Kubernetes mounts Secrets): the watched repository and a chart repository served by JGit behind authentication,
 * a Helm repository with basic auth or its own certificate authority, a container registry asking for a login (htpasswd). Missing or refused credentials fail the release naming the source and the
 * Secret, and the rest renders.
 */
class PrivateSourcesTest {

    private static final ClusterRef PROD = new ClusterRef("prod", Map.of("env", "prod"));

    @TempDir
    Path temp;

    private Path secrets;
    private CommitRenderer renderer;

    @BeforeEach
    void setUp() {
        secrets = temp.resolve("secrets");
    }

    @AfterEach
    void tearDown() {
        if (renderer != null) {
            renderer.close();
        }
    }

    @Test
    void rendersAWatchedRepositoryServedBehindBasicAuthWithTheSecretConfiguredForItAndSaysWhyWithout()
            throws IOException {
        try (GitRepo fleet = GitRepo.init(temp.resolve("served/fleet"));
                GitHttpServer server = GitHttpServer.serve(temp.resolve("served"), "ci-bot", "glpat-token")) {
            String sha = fleet.write("common/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n")
                    .commit("a namespace");
            CommitDetected commit = new CommitDetected(server.url("fleet"), GitRepo.BRANCH, sha, null, List.of(),
                    "Flotilla Tests", "a namespace", Instant.now());
            secret("flux-system", "fleet-auth", Map.of("username", "ci-bot", "password", "glpat-token"));

            renderer = renderer(Map.of(server.url("fleet"), new SecretRef("flux-system", "fleet-auth")));
            assertThat(renderer.render(commit)).singleElement().satisfies(release -> {
                assertThat(release.error()).isNull();
                assertThat(release.objectCount()).isEqualTo(1);
            });
            renderer.close();

            renderer = new CommitRenderer(temp.resolve("work-without"), () -> List.of(PROD));
            assertThatThrownBy(() -> renderer.render(commit))
                    .isInstanceOf(RepositoryUnavailableException.class)
                    .hasMessage("cannot fetch " + server.url("fleet") + ": HTTP 401: the repository asks for"
                            + " credentials and none are configured for it");
        }
    }

    @Test
    void rendersARepositoryAddedThroughGitWatchersApiWithTheCredentialsItsCommitsCarrySealed() {
        try (GitRepo fleet = GitRepo.init(temp.resolve("served/fleet"));
                GitHttpServer server = GitHttpServer.serve(temp.resolve("served"), "ci-bot", "glpat-token")) {
            String url = server.url("fleet");
            String sealed = SealedSourceAccess.sealBasic(TestSecretKeys.RING, url, "ci-bot", "glpat-token");
            String first = fleet.write("common/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n")
                    .commit("a namespace");
            renderer = new CommitRenderer(temp.resolve("work"), () -> List.of(PROD),
                    CommitRenderer.DEFAULT_MAX_PAYLOAD_BYTES, new ClusterCapabilities(), 0,
                    CommitRenderer.DEFAULT_CHART_CACHE_MAX_BYTES, CommitRenderer.DEFAULT_MAX_VALUES_BYTES,
                    CommitRenderer.DEFAULT_RENDER_TIMEOUT, Kustomize.find(Optional.empty()),
                    GitCredentials.none().openingSealedAccessWith(() -> TestSecretKeys.RING));

            CommitDetected copied = new CommitDetected(url, GitRepo.BRANCH, first, null, List.of(), "Flotilla Tests",
                    "a namespace", Instant.now(), false,
                    SealedSourceAccess.sealBasic(TestSecretKeys.RING, url + "-other", "ci-bot", "glpat-token"));
            assertThatThrownBy(() -> renderer.render(copied)).isInstanceOf(RepositoryUnavailableException.class)
                    .hasMessageStartingWith("cannot fetch " + url + ": repository " + url + ": the credentials its"
                            + " commit carries, sealed by git-watcher, do not open");

            assertThat(renderer.render(copied.withAccess(sealed))).singleElement()
                    .satisfies(release -> assertThat(release.error()).isNull());
            String second = fleet.write("common/quota.yaml", "apiVersion: v1\nkind: ResourceQuota\nmetadata:\n"
                    + "  name: shop\n  namespace: shop\n").commit("a quota");
            CommitDetected withoutAccess = new CommitDetected(url, GitRepo.BRANCH, second, first, List.of(),
                    "Flotilla Tests", "a quota", Instant.now());
            assertThat(renderer.render(withoutAccess)).as("fetched with the access the repository's commit carried")
                    .singleElement().satisfies(release -> assertThat(release.objectCount()).isEqualTo(2));
        }
    }

    @Test
    void rendersAChartOfAPrivateGitRepositoryWithTheSecretItsGitRepositoryNamesAndFailsOnlyTheReleaseWhoseSecretIsRefused()
            throws IOException {
        try (ConfigRepository fleet = ConfigRepository.in(temp.resolve("fleet"));
                ConfigRepository charts = ConfigRepository.in(temp.resolve("served/charts")).chart("app", "charts/app");
                GitHttpServer server = GitHttpServer.serve(temp.resolve("served"), "ci-bot", "glpat-token")) {
            charts.commit("app chart");
            secret("flux-system", "charts-auth", Map.of("username", "ci-bot", "password", "glpat-token"));
            secret("flux-system", "stale-auth", Map.of("username", "ci-bot", "password", "revoked-token"));
            fleet.write("flux-system/charts.yaml", gitRepository("charts", server.url("charts"), "charts-auth"))
                    .write("flux-system/stale.yaml", gitRepository("stale", server.url("charts") + ".git", "stale-auth"))
                    .write("flux-system/unknown.yaml", gitRepository("unknown", server.url("charts") + "/",
                            "unknown-auth"))
                    .write("releases/prod/app.yaml", fromGitRepository("app", "charts"))
                    .write("releases/prod/stale.yaml", fromGitRepository("stale", "stale"))
                    .write("releases/prod/unknown.yaml", fromGitRepository("unknown", "unknown"));
            renderer = renderer(Map.of());

            List<ReleaseRendered> rendered = renderer.render(fleet.commit("charts from a private repository"));

            assertThat(find(rendered, "app").error()).isNull();
            assertThat(find(rendered, "app").objectCount()).isEqualTo(3);
            assertThat(find(rendered, "stale").error()).isEqualTo("releases/prod/stale.yaml: HelmRelease apps/stale:"
                    + " spec.chart.spec.chart: the chart's repository " + server.url("charts") + ".git at branch"
                    + " 'main' cannot be read: cannot fetch " + server.url("charts") + ".git (GitRepository"
                    + " flux-system/stale): HTTP 401: the credentials of Secret flux-system/stale-auth were refused");
            assertThat(find(rendered, "unknown").error()).isEqualTo("releases/prod/unknown.yaml: HelmRelease"
                    + " apps/unknown: spec.chart.spec.chart: the chart's repository " + server.url("charts") + "/ at"
                    + " branch 'main' cannot be read: cannot fetch " + server.url("charts") + "/: GitRepository"
                    + " flux-system/unknown: Secret flux-system/unknown-auth is not in the folder " + secrets);
            assertThat(rendered.stream().map(ReleaseRendered::error).filter(error -> error != null))
                    .allSatisfy(error -> assertThat(error).doesNotContain("token"));
        }
    }

    @Test
    void rendersFromAHelmRepositoryWithBasicAuthFromASecretKeptOutsideGitAndReportsRefusedCredentials()
            throws IOException {
        try (ConfigRepository fleet = ConfigRepository.in(temp.resolve("fleet"));
                HelmRepositoryServer charts = HelmRepositoryServer.start(temp.resolve("helm-repo")).chart("app", "1.4.0")
                        .requireBasicAuth("fleet", "s3cret")) {
            secret("flux-system", "charts-auth", Map.of("username", "fleet", "password", "s3cret"));
            secret("flux-system", "old-auth", Map.of("username", "fleet", "password", "rotated-away"));
            fleet.write("flux-system/charts.yaml", helmRepository("charts", charts.url(),
                            "secretRef:\n  name: charts-auth\n"))
                    .write("flux-system/old.yaml", helmRepository("old", charts.url(), "secretRef:\n  name: old-auth\n"))
                    .write("flux-system/none.yaml", helmRepository("none", charts.url(), "secretRef:\n  name: none\n"))
                    .write("releases/prod/app.yaml", fluxV2FromHelmRepository("app", "charts", "1.4.0", ""))
                    .write("releases/prod/old.yaml", fluxV2FromHelmRepository("old", "old", "1.4.0", ""))
                    .write("releases/prod/none.yaml", fluxV2FromHelmRepository("none", "none", "1.4.0", ""));
            renderer = renderer(Map.of());

            List<ReleaseRendered> rendered = renderer.render(fleet.commit("apps from a private Helm repository"));

            assertThat(find(rendered, "app").error()).isNull();
            assertThat(find(rendered, "app").chartVersion()).isEqualTo("1.4.0");
            assertThat(find(rendered, "old").error()).isEqualTo("releases/prod/old.yaml: HelmRelease apps/old:"
                    + " spec.chart.spec: " + charts.url() + "/index.yaml answered HTTP 401: the credentials of Secret"
                    + " flux-system/old-auth (HelmRepository flux-system/old) were refused");
            assertThat(find(rendered, "none").error()).isEqualTo("releases/prod/none.yaml: HelmRelease apps/none:"
                    + " spec.chart.spec: HelmRepository flux-system/none: Secret flux-system/none is not in the folder "
                    + secrets);
        }
    }

    @Test
    void fetchesAChartsRemoteDependencyWithTheCredentialsOfTheHelmRepositoryOfTheSameUrl() throws IOException {
        try (ConfigRepository fleet = ConfigRepository.in(temp.resolve("fleet"));
                HelmRepositoryServer charts = HelmRepositoryServer.start(temp.resolve("helm-repo")).chart("app", "1.4.0")
                        .requireBasicAuth("fleet", "s3cret")) {
            secret("flux-system", "charts-auth", Map.of("username", "fleet", "password", "s3cret"));
            String umbrella = """
                    apiVersion: v2
                    name: umbrella
                    version: 1.0.0
                    dependencies:
                      - name: app
                        version: 1.4.0
                        repository: %s/
                    """.formatted(charts.url());
            fleet.write("flux-system/fleet.yaml", fleetSource())
                    .write("apps/fleet.yaml", fleetSource().replace("namespace: flux-system", "namespace: apps"))
                    .write("flux-system/charts.yaml", helmRepository("charts", charts.url(),
                            "secretRef:\n  name: charts-auth\n"))
                    .write("charts/umbrella/Chart.yaml", umbrella)
                    .write("charts/other/Chart.yaml", umbrella.replace("umbrella", "other"))
                    .write("releases/prod/umbrella.yaml", fluxV2("flux-system", "umbrella", "./charts/umbrella", ""))
                    .write("releases/prod/other.yaml", fluxV2("apps", "other", "./charts/other", "")
                            .replace("namespace: flux-system", "namespace: apps"));
            renderer = renderer(Map.of());

            List<ReleaseRendered> rendered = renderer.render(fleet.commit("an umbrella chart of a private dependency"));

            assertThat(find(rendered, "umbrella").error()).isNull();
            assertThat(find(rendered, "umbrella").objects().objects()).isNotEmpty();
            assertThat(find(rendered, "other").error()).as("no HelmRepository of that URL in its namespace")
                    .contains(charts.url() + "/index.yaml answered HTTP 401");
        }
    }

    @Test
    void rendersFromAHelmRepositoryOverHttpsWhoseCertificateTheSecretsCaCrtVouchesFor() throws IOException {
        Path certificate = temp.resolve("ca.crt");
        try (ConfigRepository fleet = ConfigRepository.in(temp.resolve("fleet"));
                HelmRepositoryServer charts = HelmRepositoryServer.startHttps(temp.resolve("helm-repo"), certificate)
                        .chart("app", "1.4.0")) {
            secret("flux-system", "charts-ca", Map.of("ca.crt", Files.readString(certificate)));
            fleet.write("flux-system/charts.yaml", helmRepository("charts", charts.url(),
                            "certSecretRef:\n  name: charts-ca\n"))
                    .write("flux-system/public.yaml", helmRepository("public", charts.url(), ""))
                    .write("releases/prod/app.yaml", fluxV2FromHelmRepository("app", "charts", "1.4.0", ""))
                    .write("releases/prod/untrusted.yaml", fluxV2FromHelmRepository("untrusted", "public", "1.4.0", ""));
            renderer = renderer(Map.of());

            List<ReleaseRendered> rendered = renderer.render(fleet.commit("app over HTTPS"));

            assertThat(find(rendered, "app").error()).isNull();
            assertThat(find(rendered, "app").chartVersion()).isEqualTo("1.4.0");
            assertThat(find(rendered, "untrusted").error()).startsWith("releases/prod/untrusted.yaml: HelmRelease"
                    + " apps/untrusted: spec.chart.spec: the Helm repository " + charts.url() + " cannot be reached: ")
                    .endsWith("(its TLS certificate is not trusted: name a Secret with its certificate authority,"
                            + " ca.crt, in the HelmRepository's spec.certSecretRef)");
        }
    }

    @Test
    void rendersChartsOfARegistryThatAsksForALoginWithTheSecretsTheirSourcesNameAndReportsARefusedLogin()
            throws IOException {
        try (DockerRegistry registry = DockerRegistry.start();
                ConfigRepository fleet = ConfigRepository.in(temp.resolve("fleet"))) {
            Path packaged = TestCharts.packaged("app", "1.4.0", temp.resolve("packages"));
            Helm.push().withChart(packaged).withRemote(URI.create(registry.ociUrl("private"))).plainHttp().call();
            registry.requireLogin("fleet", "s3cret");
            secret("flux-system", "charts-auth", Map.of("username", "fleet", "password", "s3cret"));
            secret("flux-system", "registry-login", Map.of(".dockerconfigjson", """
                    {"auths": {"%s": {"auth": "%s"}}}""".formatted(registry.host(),
                    Base64.getEncoder().encodeToString("fleet:s3cret".getBytes(StandardCharsets.UTF_8)))));
            secret("flux-system", "old-auth", Map.of("username", "fleet", "password", "rotated-away"));
            fleet.write("flux-system/charts.yaml", helmRepository("charts", registry.ociUrl("private"),
                            "type: oci\ninsecure: true\nsecretRef:\n  name: charts-auth\n"))
                    .write("flux-system/old.yaml", helmRepository("old", registry.ociUrl("private"),
                            "type: oci\ninsecure: true\nsecretRef:\n  name: old-auth\n"))
                    .write("flux-system/app-oci.yaml", """
                            apiVersion: source.toolkit.fluxcd.io/v1beta2
                            kind: OCIRepository
                            metadata:
                              name: app
                              namespace: flux-system
                            spec:
                              insecure: true
                              url: %s/app
                              ref:
                                tag: 1.4.0
                              secretRef:
                                name: registry-login
                            """.formatted(registry.ociUrl("private")))
                    .write("releases/prod/app.yaml", fluxV2FromHelmRepository("app", "charts", "1.4.0", ""))
                    .write("releases/prod/old.yaml", fluxV2FromHelmRepository("old", "old", "1.4.0", ""))
                    .write("releases/prod/by-ref.yaml", helmRelease(FLUX_V2, "apps", "by-ref", """
                            chartRef:
                              kind: OCIRepository
                              name: app
                              namespace: flux-system
                            """));
            renderer = renderer(Map.of());

            List<ReleaseRendered> rendered = renderer.render(fleet.commit("apps from a private registry"));

            assertThat(find(rendered, "app").error()).isNull();
            assertThat(find(rendered, "app").chartVersion()).isEqualTo("1.4.0");
            assertThat(find(rendered, "by-ref").error()).isNull();
            assertThat(find(rendered, "by-ref").chartVersion()).isEqualTo("1.4.0");
            assertThat(find(rendered, "old").error()).startsWith("releases/prod/old.yaml: HelmRelease apps/old:"
                    + " spec.chart.spec: the OCI registry " + registry.ociUrl("").replaceAll("/$", ""))
                    .endsWith("answered HTTP 401: the credentials of Secret flux-system/old-auth"
                            + " (HelmRepository flux-system/old) were refused");
        }
    }

    private CommitRenderer renderer(Map<String, SecretRef> byRepository) {
        GitCredentials credentials = new GitCredentials(SourceSecrets.configured(secrets, false, null), byRepository);
        return new CommitRenderer(temp.resolve("work"), () -> List.of(PROD), CommitRenderer.DEFAULT_MAX_PAYLOAD_BYTES,
                new ClusterCapabilities(), 0, CommitRenderer.DEFAULT_CHART_CACHE_MAX_BYTES,
                CommitRenderer.DEFAULT_MAX_VALUES_BYTES, CommitRenderer.DEFAULT_RENDER_TIMEOUT,
                Kustomize.find(Optional.empty()), credentials);
    }

    /** A Secret as Kubernetes mounts it: a folder of files, one per key. */
    private void secret(String namespace, String name, Map<String, String> data) throws IOException {
        Path folder = Files.createDirectories(secrets.resolve(namespace).resolve(name));
        for (Map.Entry<String, String> entry : data.entrySet()) {
            Files.writeString(folder.resolve(entry.getKey()), entry.getValue());
        }
    }

    private static String gitRepository(String name, String url, String secret) {
        return """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata:
                  name: %s
                  namespace: flux-system
                spec:
                  url: %s
                  ref:
                    branch: main
                  secretRef:
                    name: %s
                """.formatted(name, url, secret);
    }

    private static String fromGitRepository(String name, String source) {
        return helmRelease(FLUX_V2, "apps", name, """
                chart:
                  spec:
                    chart: ./charts/app
                    sourceRef:
                      kind: GitRepository
                      name: %s
                      namespace: flux-system
                """.formatted(source));
    }

    private static ReleaseRendered find(List<ReleaseRendered> rendered, String name) {
        return rendered.stream().filter(release -> release.release().name().equals(name)).findFirst().orElseThrow();
    }
}
