package io.flotilla.renderer.render;

import static io.flotilla.renderer.HelmReleaseFiles.FLUX_V1;
import static io.flotilla.renderer.HelmReleaseFiles.helmRelease;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fleetSource;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV1;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV2;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV2FromHelmRepository;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.helmRepository;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.imageTag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marcnuri.helm.Helm;
import com.sun.net.httpserver.HttpServer;

import io.flotilla.events.ClusterRef;
import io.flotilla.events.ClusterState;
import io.flotilla.events.CommitDetected;
import io.flotilla.events.CrdPolicy;
import io.flotilla.events.DriftMode;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions.DriftIgnore;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.renderer.ConfigRepository;
import io.flotilla.renderer.HelmRepositoryServer;
import io.flotilla.renderer.chart.ChartSourceUnavailableException;
import io.flotilla.renderer.cluster.ClusterCapabilities;
import io.flotilla.renderer.source.RepositoryUnavailableException;

class CommitRendererTest {

    private static final ClusterRef DEV = new ClusterRef("dev", Map.of("env", "dev"));
    private static final ClusterRef PROD = new ClusterRef("prod", Map.of("env", "prod"));
    /** A template that loops for minutes: a hundred million turns, in little memory. */
    private static final String SLOW_TEMPLATE = """
            {{- range until 10000 }}{{ range until 10000 }}{{ end }}{{ end }}
            """;

    @TempDir
    Path temp;

    private final List<ClusterRef> fleet = new ArrayList<>(List.of(DEV, PROD));
    /** Both clusters described by the observer, so that charts asking for capabilities render at once. */
    private final ClusterCapabilities capabilities = new ClusterCapabilities();
    private ConfigRepository repo;
    private CommitRenderer renderer;

    @BeforeEach
    void setUp() {
        repo = ConfigRepository.in(temp.resolve("fleet")).chart("app", "charts/app").write("README.md", "fleet\n");
        capabilities.observed(new ClusterState("dev", true, "v1.31.0", 1, 1, 0, 0, Instant.now()));
        capabilities.observed(new ClusterState("prod", true, "v1.31.0", 1, 1, 0, 0, Instant.now()));
        renderer = renderer(temp.resolve("work"), CommitRenderer.DEFAULT_MAX_PAYLOAD_BYTES,
                CommitRenderer.DEFAULT_MAX_VALUES_BYTES, CommitRenderer.DEFAULT_RENDER_TIMEOUT);
    }

    private CommitRenderer renderer(Path work, int maxPayloadBytes, long maxValuesBytes, Duration renderTimeout) {
        return new CommitRenderer(work, () -> List.copyOf(fleet), maxPayloadBytes, capabilities, 0,
                CommitRenderer.DEFAULT_CHART_CACHE_MAX_BYTES, maxValuesBytes, renderTimeout);
    }

    @AfterEach
    void tearDown() {
        renderer.close();
        repo.close();
    }

    @Test
    void rendersAFluxV1HelmReleaseWithItsValuesOnTheClustersOfItsEnvironment() {
        repo.write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/app", imageTag("2.0.0")));

        CommitDetected commit = repo.commit("app on dev");
        List<ReleaseRendered> rendered = renderer.render(commit);

        assertThat(rendered).singleElement().satisfies(release -> {
            assertThat(release.release()).isEqualTo(new ReleaseKey("dev", "apps", "apps-app"));
            assertThat(release.format()).isEqualTo(ReleaseFormat.FLUX_V1);
            assertThat(release.error()).isNull();
            assertThat(release.sourceSha()).isEqualTo(commit.sha());
            assertThat(release.sourceFile()).isEqualTo("releases/dev/app.yaml");
            assertThat(release.repository()).isEqualTo(repo.location());
            assertThat(release.chartName()).isEqualTo("app");
            assertThat(release.chartVersion()).isEqualTo("1.4.0");
            assertThat(release.objectCount()).isEqualTo(3);
            assertThat(kinds(release)).containsExactly("ConfigMap", "Service", "Deployment");
            assertThat(image(release)).isEqualTo("registry.example.com/app:2.0.0");
        });
    }

    @Test
    void rendersAFluxV2HelmReleaseFromTheGitRepositoryItNames() {
        repo.write("flux-system/sources.yaml", fleetSource())
                .write("releases/prod/app.yaml", fluxV2("apps", "app", "./charts/app", imageTag("3.1.0")));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("app on prod"));

        assertThat(rendered).singleElement().satisfies(release -> {
            assertThat(release.release()).isEqualTo(new ReleaseKey("prod", "apps", "app"));
            assertThat(release.format()).isEqualTo(ReleaseFormat.FLUX_V2);
            assertThat(release.error()).isNull();
            assertThat(image(release)).isEqualTo("registry.example.com/app:3.1.0");
            assertThat(object(release, "Deployment").get("metadata")).isEqualTo(Map.of("name", "app",
                    "labels", Map.of("app.kubernetes.io/name", "app", "app.kubernetes.io/instance", "app")));
        });
    }

    @Test
    void rendersTheTargetNamespaceAndReleaseNameIntoTheObjects() {
        repo.write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/app", """
                releaseName: web
                targetNamespace: web-dev
                """));

        ReleaseRendered release = renderer.render(repo.commit("web")).get(0);

        assertThat(release.release()).isEqualTo(new ReleaseKey("dev", "web-dev", "web"));
        Map<String, Object> configMap = object(release, "ConfigMap");
        assertThat(configMap.get("metadata")).isEqualTo(Map.of("name", "web", "namespace", "web-dev"));
    }

    @Test
    void rendersExactlyWhatHelmTemplateRendersForTheSameInputs() throws Exception {
        String values = """
                replicas: 3
                greeting: "bonjour: le monde"
                extraConfigMap: true
                image:
                  tag: "4.2.0"
                """;
        repo.write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/app", "values:\n" + values.indent(2)));
        Path valuesFile = Files.writeString(temp.resolve("values.yaml"), values);

        ReleaseRendered release = renderer.render(repo.commit("app")).get(0);

        String helmOwn = new Helm(ConfigRepository.testChart("app")).template()
                .withName("apps-app").withNamespace("apps").withValuesFile(valuesFile).call();
        assertThat(release.objects().objects()).isEqualTo(HelmOutput.objects(helmOwn)).hasSize(4);
    }

    @Test
    void rendersEachFolderOfPlainManifestsAsOneReleaseForEveryCluster() {
        repo.write("common/namespaces/apps.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: apps
                ---
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: web-dev
                """).write("common/namespaces/rbac.yaml", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: reader
                rules:
                  - apiGroups: [""]
                    resources: ["pods"]
                    verbs: ["get", "list"]
                """);

        List<ReleaseRendered> rendered = renderer.render(repo.commit("namespaces"));

        assertThat(rendered).extracting(ReleaseRendered::release).containsExactlyInAnyOrder(
                new ReleaseKey("dev", "default", "common-namespaces"),
                new ReleaseKey("prod", "default", "common-namespaces"));
        assertThat(rendered).allSatisfy(release -> {
            assertThat(release.format()).isEqualTo(ReleaseFormat.MANIFESTS);
            assertThat(release.sourceFile()).isEqualTo("common/namespaces");
            assertThat(release.chartDigest()).isNotNull();
            assertThat(names(release)).containsExactly("apps", "web-dev", "reader");
            assertThat(object(release, "ClusterRole").get("rules")).isEqualTo(List.of(Map.of(
                    "apiGroups", List.of(""), "resources", List.of("pods"), "verbs", List.of("get", "list"))));
        });
    }

    @Test
    void sendsReleasesUnderClustersFolderOnlyToThatCluster() {
        repo.write("clusters/prod/limits.yaml", """
                apiVersion: v1
                kind: LimitRange
                metadata:
                  name: limits
                """);

        assertThat(renderer.render(repo.commit("limits"))).extracting(ReleaseRendered::release)
                .containsExactly(new ReleaseKey("prod", "default", "clusters-prod"));
    }

    @Test
    void rendersNothingForACommitThatChangesNoRelease() {
        repo.write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/app", imageTag("2.0.0")))
                .write("common/ns.yaml", namespace("apps"));
        assertThat(renderer.render(repo.commit("first"))).hasSize(3);

        repo.write("README.md", "the fleet, described\n");

        assertThat(renderer.render(repo.commit("docs only"))).isEmpty();
    }

    @Test
    void rendersOnlyTheReleaseAnInputChangedFor() {
        for (int i = 0; i < 5; i++) {
            repo.write("releases/dev/app-" + i + ".yaml", fluxV1("apps", "app-" + i, "charts/app", imageTag("1.0." + i)));
        }
        assertThat(renderer.render(repo.commit("five apps"))).hasSize(5);

        repo.write("releases/dev/app-3.yaml", fluxV1("apps", "app-3", "charts/app", imageTag("9.9.9")));
        List<ReleaseRendered> rendered = renderer.render(repo.commit("app-3 to 9.9.9"));

        assertThat(rendered).singleElement().satisfies(release -> {
            assertThat(release.release()).isEqualTo(new ReleaseKey("dev", "apps", "apps-app-3"));
            assertThat(image(release)).isEqualTo("registry.example.com/app:9.9.9");
        });
    }

    @Test
    void rendersEveryReleaseUsingAChartWhenTheChartChanges() {
        repo.write("releases/dev/a.yaml", fluxV1("apps", "a", "charts/app", ""))
                .write("releases/dev/b.yaml", fluxV1("apps", "b", "charts/app", ""))
                .write("common/ns.yaml", namespace("apps"));
        renderer.render(repo.commit("two apps"));

        repo.write("charts/app/values.yaml", "replicas: 2\nimage: {repository: registry.example.com/app, tag: \"1.1.0\"}\n"
                + "greeting: hi\nservice: {port: 80}\n");
        List<ReleaseRendered> rendered = renderer.render(repo.commit("chart default tag 1.1.0"));

        assertThat(rendered).extracting(ReleaseRendered::release).containsExactly(
                new ReleaseKey("dev", "apps", "apps-a"), new ReleaseKey("dev", "apps", "apps-b"));
        assertThat(rendered).allSatisfy(release -> assertThat(image(release)).endsWith(":1.1.0"));
    }

    @Test
    void rendersEveryReleaseForAClusterThatJoinsTheFleet() {
        repo.write("common/ns.yaml", namespace("apps"))
                .write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/app", ""));
        renderer.render(repo.commit("first"));

        fleet.add(new ClusterRef("dev-2", Map.of("env", "dev")));
        repo.write("README.md", "a new cluster\n");

        assertThat(renderer.render(repo.commit("nothing changed in Git"))).extracting(ReleaseRendered::release)
                .containsExactlyInAnyOrder(new ReleaseKey("dev-2", "default", "common"),
                        new ReleaseKey("dev-2", "apps", "apps-app"));
    }

    @Test
    void reportsAnUnparsableFileOnItsFolderAndRendersEverythingElse() {
        repo.write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/app", ""))
                .write("releases/dev/broken.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                          metadata: oops
                        """);

        List<ReleaseRendered> rendered = renderer.render(repo.commit("a broken file"));

        assertThat(rendered).extracting(ReleaseRendered::release).containsExactlyInAnyOrder(
                new ReleaseKey("dev", "apps", "apps-app"), new ReleaseKey("dev", "default", "releases-dev"));
        assertThat(find(rendered, "apps-app").error()).isNull();
        ReleaseRendered folder = find(rendered, "releases-dev");
        assertThat(folder.error()).isEqualTo(
                "releases/dev/broken.yaml: invalid YAML at line 3, column 11: mapping values are not allowed here");
        assertThat(folder.objects()).isNull();
        assertThat(folder.objectCount()).isZero();
    }

    @Test
    void reportsAFluxV1ChartPathThatDoesNotExist() {
        repo.write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/x", ""))
                .write("releases/dev/good.yaml", fluxV1("apps", "good", "charts/app", ""));

        CommitDetected commit = repo.commit("wrong chart path");
        List<ReleaseRendered> rendered = renderer.render(commit);

        assertThat(find(rendered, "apps-app").error()).isEqualTo("releases/dev/app.yaml: HelmRelease apps/app: "
                + "spec.chart.path 'charts/x' does not exist at " + commit.sha().substring(0, 7));
        assertThat(find(rendered, "apps-good").error()).isNull();
    }

    @Test
    void reportsAFluxV2ChartPathThatDoesNotExistOnEveryTargetedCluster() {
        repo.write("flux-system/sources.yaml", fleetSource())
                .write("common/app.yaml", fluxV2("apps", "app", "./charts/nope", ""));

        CommitDetected commit = repo.commit("wrong chart path");
        List<ReleaseRendered> rendered = renderer.render(commit);

        assertThat(rendered).hasSize(2).allSatisfy(release -> {
            assertThat(release.error()).isEqualTo("common/app.yaml: HelmRelease apps/app: "
                    + "spec.chart.spec.chart './charts/nope' does not exist at " + commit.sha().substring(0, 7));
            assertThat(release.objects()).isNull();
        });
    }

    @Test
    void reportsHelmsOwnMessageForATemplateThatFails() {
        repo.chart("broken", "charts/broken")
                .write("releases/dev/broken.yaml", fluxV1("apps", "broken", "charts/broken", ""))
                .write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/app", ""));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("a broken chart"));

        ReleaseRendered broken = find(rendered, "apps-broken");
        assertThat(broken.error()).isEqualTo("releases/dev/broken.yaml: HelmRelease apps/broken: parse error at "
                + "(broken/templates/configmap.yaml:6): function \"nosuchfunction\" not defined");
        assertThat(broken.chartName()).isEqualTo("broken");
        assertThat(find(rendered, "apps-app").objectCount()).isEqualTo(3);
    }

    @Test
    void reportsAHelmReleaseMissingARequiredField() {
        repo.write("releases/dev/app.yaml", helmRelease(FLUX_V1, "apps", "app", """
                values:
                  replicas: 2
                """));

        assertThat(renderer.render(repo.commit("no chart"))).singleElement().satisfies(release -> {
            assertThat(release.release()).isEqualTo(new ReleaseKey("dev", "apps", "apps-app"));
            assertThat(release.error()).isEqualTo("releases/dev/app.yaml: HelmRelease apps/app: spec.chart is required");
        });
    }

    @Test
    void reportsAFailureAgainAtEveryCommitUntilItIsFixed() {
        repo.write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/x", ""));
        assertThat(renderer.render(repo.commit("wrong path"))).singleElement()
                .satisfies(release -> assertThat(release.failed()).isTrue());

        repo.write("README.md", "unrelated\n");
        assertThat(renderer.render(repo.commit("unrelated"))).singleElement()
                .satisfies(release -> assertThat(release.failed()).isTrue());

        repo.write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/app", ""));
        assertThat(renderer.render(repo.commit("fixed"))).singleElement()
                .satisfies(release -> assertThat(release.objectCount()).isEqualTo(3));
    }

    @Test
    void rendersTheLastGoodInputAgainWhenAFailedChangeIsReverted() {
        String good = fluxV1("apps", "app", "charts/app", imageTag("1.0.0"));
        repo.write("releases/dev/app.yaml", good);
        renderer.render(repo.commit("good"));
        repo.write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/app", "values: [not, a, mapping]\n"));
        assertThat(renderer.render(repo.commit("bad values"))).singleElement()
                .satisfies(release -> assertThat(release.error()).isEqualTo(
                        "releases/dev/app.yaml: HelmRelease apps/app: spec.values must be a mapping"));

        repo.write("releases/dev/app.yaml", good);

        assertThat(renderer.render(repo.commit("revert"))).singleElement()
                .satisfies(release -> assertThat(image(release)).endsWith(":1.0.0"));
    }

    @Test
    void reportsAReleaseDeclaredTwiceForTheSameCluster() {
        repo.write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/app", ""))
                .write("releases/dev/copy.yaml", fluxV1("apps", "app", "charts/app", imageTag("2.0.0")));

        assertThat(renderer.render(repo.commit("twice"))).singleElement().satisfies(release -> assertThat(
                release.error()).isEqualTo("releases/dev/app.yaml, releases/dev/copy.yaml: release apps/apps-app on "
                        + "cluster dev is declared more than once; give each a different name or namespace"));
    }

    @Test
    void passesOnWhatAFluxV2HelmReleaseAsksOfTheApplierAndObserver() {
        repo.write("flux-system/sources.yaml", fleetSource())
                .write("releases/prod/app.yaml", fluxV2("apps", "app", "./charts/app", """
                        timeout: 1m30s
                        suspend: true
                        dependsOn:
                          - name: database
                          - name: ingress
                            namespace: infra
                        install:
                          crds: CreateReplace
                          remediation:
                            retries: 3
                        upgrade:
                          remediation:
                            retries: 2
                        driftDetection:
                          mode: warn
                          ignore:
                            - paths: ["/spec/replicas"]
                              target:
                                kind: Deployment
                        test:
                          enable: true
                          ignoreFailures: true
                        """));

        ReleaseRendered release = renderer.render(repo.commit("options")).get(0);

        assertThat(release.error()).isNull();
        assertThat(release.options()).isEqualTo(new ReleaseOptions(90, true, List.of("apps/database", "infra/ingress"),
                3, 2, DriftMode.WARN, List.of(new DriftIgnore(List.of("/spec/replicas"), "Deployment", null, null)),
                CrdPolicy.CREATE_REPLACE, true, 300, ReleaseOptions.DEFAULT_MAX_HISTORY, CrdPolicy.SKIP, true, true,
                List.of(), true, true, null, null));
    }

    @Test
    void takesTheIntervalAndDriftModeOfAFluxV1ReleaseFromItsAnnotations() {
        repo.write("releases/dev/app.yaml", fluxV1Annotated("apps", "app", "1h30m", "enabled"))
                .write("releases/dev/plain.yaml", fluxV1("apps", "plain", "charts/app", ""));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("annotated"));

        assertThat(find(rendered, "apps-app").options()).satisfies(options -> {
            assertThat(options.intervalSeconds()).isEqualTo(5400);
            assertThat(options.driftDetection()).isEqualTo(DriftMode.ENABLED);
        });
        assertThat(find(rendered, "apps-plain").options()).as("unset: the fleet's default applies").satisfies(
                options -> {
                    assertThat(options.intervalSeconds()).isZero();
                    assertThat(options.driftDetection()).isNull();
                });
    }

    @Test
    void takesTheIntervalAndDriftModeOfAFolderOfManifestsFromTheAnnotationsOfItsObjects() {
        repo.write("clusters/dev/quota.yaml", """
                apiVersion: v1
                kind: ResourceQuota
                metadata:
                  name: quota
                  annotations:
                    flotilla.io/reconcile-interval: 10m
                    flotilla.io/drift-detection: warn
                """).write("clusters/dev/namespace.yaml", namespace("apps"))
                .write("clusters/prod/namespace.yaml", namespace("apps"));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("annotated manifests"));

        assertThat(find(rendered, "clusters-dev").options()).satisfies(options -> {
            assertThat(options.intervalSeconds()).isEqualTo(600);
            assertThat(options.driftDetection()).isEqualTo(DriftMode.WARN);
        });
        assertThat(find(rendered, "clusters-prod").options()).isEqualTo(ReleaseOptions.DEFAULTS);
    }

    @Test
    void reportsAnIntervalOrDriftModeThatCannotBeReadNamingTheFileObjectAndField() {
        repo.write("flux-system/sources.yaml", fleetSource())
                .write("releases/dev/app.yaml", fluxV1Annotated("apps", "app", "soon", "enabled"))
                .write("releases/dev/drift.yaml", fluxV1Annotated("apps", "drift", "5m", "sometimes"))
                .write("releases/prod/v2.yaml", fluxV2("apps", "v2", "./charts/app", "").replace("interval: 5m",
                        "interval: often"))
                .write("clusters/prod/quota.yaml", """
                        apiVersion: v1
                        kind: ResourceQuota
                        metadata:
                          name: quota
                          annotations:
                            flotilla.io/reconcile-interval: 1 day
                        """);

        List<ReleaseRendered> rendered = renderer.render(repo.commit("bad options"));

        assertThat(find(rendered, "apps-app").error()).isEqualTo("releases/dev/app.yaml: HelmRelease apps/app:"
                + " metadata.annotations.flotilla.io/reconcile-interval 'soon' is not a duration such as 5m or 1h30m");
        assertThat(find(rendered, "apps-drift").error()).isEqualTo("releases/dev/drift.yaml: HelmRelease apps/drift:"
                + " metadata.annotations.flotilla.io/drift-detection 'sometimes' is not one of disabled, warn, enabled");
        assertThat(find(rendered, "v2").error()).isEqualTo("releases/prod/v2.yaml: HelmRelease apps/v2:"
                + " spec.interval 'often' is not a duration such as 5m or 1h30m");
        assertThat(find(rendered, "clusters-prod").error()).isEqualTo("clusters/prod/quota.yaml: ResourceQuota quota:"
                + " metadata.annotations.flotilla.io/reconcile-interval '1 day' is not a duration such as 5m or 1h30m");
    }

    @Test
    void carriesTheCommitOrderInEveryRenderingFailedAndRemovedOnesToo() {
        repo.write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/app", ""))
                .write("releases/dev/broken.yaml", fluxV1("apps", "broken", "charts/nope", ""));
        assertThat(renderer.render(repo.commit("two"), 12)).hasSize(2).extracting(ReleaseRendered::commitOrder)
                .containsOnly(12L);

        repo.delete("releases/dev/app.yaml");

        assertThat(renderer.render(repo.commit("one gone"), 15)).extracting(ReleaseRendered::commitOrder)
                .containsOnly(15L);
    }

    @Test
    void emitsTheReleaseAgainWhenACommitOnlySuspendsIt() {
        repo.write("flux-system/sources.yaml", fleetSource())
                .write("releases/prod/app.yaml", fluxV2("apps", "app", "./charts/app", ""));
        ReleaseRendered running = renderer.render(repo.commit("app")).get(0);

        List<ReleaseRendered> rendered = renderer.render(repo.write("releases/prod/app.yaml",
                fluxV2("apps", "app", "./charts/app", "suspend: true\n")).commit("suspend app"));

        assertThat(rendered).singleElement().satisfies(release -> {
            assertThat(release.options().suspend()).isTrue();
            assertThat(release.objects().objects()).isEqualTo(running.objects().objects());
            assertThat(release.inputDigest()).isNotEqualTo(running.inputDigest());
        });
    }

    @Test
    void passesOnWhatAFluxV1HelmReleaseAsksOfTheApplier() {
        repo.write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/app", """
                timeout: 600
                skipCRDs: true
                rollback:
                  enable: true
                  retry: true
                test:
                  enable: true
                """));

        ReleaseRendered release = renderer.render(repo.commit("options")).get(0);

        assertThat(release.options()).isEqualTo(new ReleaseOptions(600, false, List.of(), 0, 5, null,
                List.of(), CrdPolicy.SKIP, true, 0, ReleaseOptions.DEFAULT_MAX_HISTORY, CrdPolicy.SKIP, true, true, List.of(),
                true, false, null, null));
    }

    @Test
    void givesFluxsDefaultOptionsToAReleaseThatSaysNothing() {
        repo.write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/app", ""))
                .write("common/ns.yaml", namespace("apps"));

        assertThat(renderer.render(repo.commit("defaults"))).extracting(ReleaseRendered::options)
                .containsOnly(ReleaseOptions.DEFAULTS);
    }

    @Test
    void reportsAnOptionFluxWouldRefuse() {
        repo.write("flux-system/sources.yaml", fleetSource())
                .write("releases/prod/app.yaml", fluxV2("apps", "app", "./charts/app", "timeout: soon\n"));

        assertThat(renderer.render(repo.commit("bad timeout"))).singleElement().satisfies(release -> assertThat(
                release.error()).isEqualTo("releases/prod/app.yaml: HelmRelease apps/app: spec.timeout 'soon' is not"
                        + " a duration such as 5m or 1h30m"));
    }

    @Test
    void reportsAReleaseDeletedFromGitAsRemovedOnEveryClusterItWasOn() {
        repo.write("common/app.yaml", fluxV1("apps", "app", "charts/app", ""))
                .write("common/ns.yaml", namespace("apps"));
        renderer.render(repo.commit("app everywhere"));

        repo.delete("common/app.yaml");
        List<ReleaseRendered> rendered = renderer.render(repo.commit("app gone"));

        assertThat(rendered).extracting(ReleaseRendered::release).containsExactlyInAnyOrder(
                new ReleaseKey("dev", "apps", "apps-app"), new ReleaseKey("prod", "apps", "apps-app"));
        assertThat(rendered).allSatisfy(release -> {
            assertThat(release.removed()).isTrue();
            assertThat(release.error()).isNull();
            assertThat(release.objects()).isNull();
            assertThat(release.sourceFile()).isEqualTo("common/app.yaml");
        });
    }

    @Test
    void reportsAReleaseMovedAwayFromAClusterAsRemovedThereOnly() {
        repo.write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/app", ""));
        renderer.render(repo.commit("app on dev"));

        repo.delete("releases/dev/app.yaml").write("releases/prod/app.yaml", fluxV1("apps", "app", "charts/app", ""));
        List<ReleaseRendered> rendered = renderer.render(repo.commit("app moves to prod"));

        assertThat(rendered).extracting(ReleaseRendered::release, ReleaseRendered::removed).containsExactlyInAnyOrder(
                tuple(new ReleaseKey("prod", "apps", "apps-app"), false),
                tuple(new ReleaseKey("dev", "apps", "apps-app"), true));
    }

    @Test
    void rendersAReleaseAgainWhenItComesBackAfterItsRemoval() {
        String app = fluxV1("apps", "app", "charts/app", "");
        repo.write("releases/dev/app.yaml", app);
        renderer.render(repo.commit("app"));
        repo.delete("releases/dev/app.yaml");
        renderer.render(repo.commit("app gone"));

        repo.write("releases/dev/app.yaml", app);

        assertThat(renderer.render(repo.commit("app back"))).singleElement().satisfies(release -> {
            assertThat(release.removed()).isFalse();
            assertThat(release.objectCount()).isEqualTo(3);
        });
    }

    @Test
    void findsRemovedReleasesFromWhatWasPublishedBeforeARestart() {
        repo.write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/app", ""));
        List<ReleaseRendered> published = renderer.render(repo.commit("app"));
        renderer.close();
        renderer = new CommitRenderer(temp.resolve("work-after-restart"), () -> List.copyOf(fleet));
        published.forEach(renderer::restore);

        repo.delete("releases/dev/app.yaml");

        assertThat(renderer.render(repo.commit("app gone"))).singleElement()
                .satisfies(release -> assertThat(release.removed()).isTrue());
    }

    @Test
    void removesWhatACommitItNeverRenderedRemoved() {
        repo.write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/app", ""))
                .write("releases/dev/other.yaml", fluxV1("apps", "other", "charts/app", ""));
        renderer.render(repo.commit("app and other"), 1);
        repo.delete("releases/dev/app.yaml").commit("app gone, a commit the renderer never sees");

        List<ReleaseRendered> rendered = renderer.render(repo.write("README.md", "the fleet\n").commit("unrelated"), 3);

        assertThat(rendered).singleElement().satisfies(release -> {
            assertThat(release.release()).isEqualTo(new ReleaseKey("dev", "apps", "apps-app"));
            assertThat(release.removed()).isTrue();
            assertThat(release.commitOrder()).isEqualTo(3);
        });
    }

    @Test
    void takesBackTheRenderCacheFromWhatWasPublishedSoAnUnchangedCommitRendersNothingAfterARestart() {
        repo.write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/app", ""));
        List<ReleaseRendered> published = renderer.render(repo.commit("app"));
        renderer.close();
        renderer = renderer(temp.resolve("work-after-restart"), CommitRenderer.DEFAULT_MAX_PAYLOAD_BYTES,
                CommitRenderer.DEFAULT_MAX_VALUES_BYTES, CommitRenderer.DEFAULT_RENDER_TIMEOUT);
        published.forEach(renderer::restore);

        assertThat(renderer.render(repo.write("README.md", "the fleet\n").commit("unrelated"))).isEmpty();
    }

    @Test
    void failsAReleaseWhoseValuesPassTheSizeLimitAndRendersTheRestOfTheCommitAndTheNext() {
        repo.write("releases/dev/small.yaml", fluxV1("apps", "small", "charts/app", ""))
                .write("releases/dev/big.yaml", fluxV1("apps", "big", "charts/app", "values:\n  blob: "
                        + "x".repeat(5 * 1024 * 1024 + 200 * 1024) + "\n"));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("5 MiB of values"));

        assertThat(find(rendered, "apps-big").error()).isEqualTo("releases/dev/big.yaml: HelmRelease apps/big:"
                + " values are 5.2 MiB, more than the 1 MiB limit (flotilla.renderer.max-values-bytes);"
                + " move large data out of the values");
        assertThat(find(rendered, "apps-small").objectCount()).isEqualTo(3);
        assertThat(renderer.render(repo.write("releases/dev/next.yaml", fluxV1("apps", "next", "charts/app", ""))
                .commit("the next commit"))).extracting(release -> release.release().name(), ReleaseRendered::failed)
                .contains(tuple("apps-next", false));
    }

    @Test
    void failsAReleaseWhoseTemplatesRunPastTheTimeLimitAndRendersTheRestOfTheCommitAndTheNext() {
        renderer.close();
        renderer = renderer(temp.resolve("work-short"), CommitRenderer.DEFAULT_MAX_PAYLOAD_BYTES,
                CommitRenderer.DEFAULT_MAX_VALUES_BYTES, Duration.ofSeconds(3));
        repo.chart("app", "charts/slow").write("charts/slow/templates/loop.yaml", SLOW_TEMPLATE)
                .write("releases/dev/slow.yaml", fluxV1("apps", "slow", "charts/slow", ""))
                .write("releases/dev/fine.yaml", fluxV1("apps", "fine", "charts/app", ""));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("a template that runs for minutes"));

        assertThat(find(rendered, "apps-slow").error()).isEqualTo("releases/dev/slow.yaml: HelmRelease apps/slow:"
                + " rendering took longer than the 3 s limit (flotilla.renderer.render-timeout); simplify the"
                + " chart's templates or its values");
        assertThat(find(rendered, "apps-fine").objectCount()).isEqualTo(3);
        List<ReleaseRendered> next = renderer.render(repo.write("releases/dev/next.yaml",
                fluxV1("apps", "next", "charts/app", "")).commit("the next commit"));
        assertThat(find(next, "apps-next").objectCount()).isEqualTo(3);
        assertThat(find(next, "apps-slow").error()).as("failed again at once, not rendered again")
                .contains("rendering took longer than the 3 s limit");
    }

    @Test
    void mergesValuesFromInOrderThenTheInlineValuesAsHelmDoes() {
        String secretValues = Base64.getEncoder().encodeToString("image:\n  tag: \"1.2.0\"\n".getBytes());
        repo.write("flux-system/sources.yaml", fleetSource())
                .write("releases/prod/values.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: app-values
                          namespace: apps
                        data:
                          values.yaml: |
                            replicas: 2
                            greeting: from the config map
                            image:
                              tag: "1.1.0"
                        ---
                        apiVersion: v1
                        kind: Secret
                        metadata:
                          name: app-secrets
                          namespace: apps
                        data:
                          override.yaml: %s
                        stringData:
                          greeting: from the secret
                        """.formatted(secretValues))
                .write("releases/prod/app.yaml", fluxV2("apps", "app", "./charts/app", """
                        valuesFrom:
                          - kind: ConfigMap
                            name: app-values
                          - kind: Secret
                            name: app-secrets
                            valuesKey: override.yaml
                          - kind: Secret
                            name: app-secrets
                            valuesKey: greeting
                            targetPath: greeting
                          - kind: ConfigMap
                            name: not-there
                            optional: true
                        values:
                          replicas: 5
                        """));

        ReleaseRendered release = find(renderer.render(repo.commit("values from elsewhere")), "app");

        assertThat(release.error()).isNull();
        assertThat(image(release)).isEqualTo("registry.example.com/app:1.2.0");
        assertThat(spec(release, "Deployment").get("replicas")).isEqualTo(5);
        assertThat(object(release, "ConfigMap").get("data")).isEqualTo(Map.of("GREETING", "from the secret"));
        assertThat(release.values()).as("values a Secret gave travel nowhere in clear, Helm's record included")
                .isNull();
        assertThat(release.notes()).as("nor do the notes, which may print them").isNull();
    }

    @Test
    void rendersAgainWhenAConfigMapItTakesValuesFromChanges() {
        String configMap = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: app-values
                  namespace: apps
                data:
                  values.yaml: |
                    image: {tag: "%s"}
                """;
        repo.write("releases/dev/values.yaml", configMap.formatted("1.0.0"))
                .write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/app", """
                        valuesFrom:
                          - configMapKeyRef:
                              name: app-values
                        """));
        renderer.render(repo.commit("values in a config map"));

        repo.write("releases/dev/values.yaml", configMap.formatted("1.0.1"));

        assertThat(renderer.render(repo.commit("new tag"))).filteredOn(release -> release.release().name()
                .equals("apps-app")).singleElement().satisfies(release -> assertThat(image(release))
                        .endsWith(":1.0.1"));
    }

    @Test
    void takesFluxV1ValuesFromTheChartAndFromAUrl() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/values.yaml", exchange -> {
            byte[] body = "greeting: from the web\nreplicas: 4\n".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            repo.write("charts/app/env/staging.yaml", "replicas: 3\nimage: {tag: \"7.0.0\"}\n")
                    .write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/app", """
                            valuesFrom:
                              - chartFileRef:
                                  path: env/staging.yaml
                              - externalSourceRef:
                                  url: %s/values.yaml
                              - externalSourceRef:
                                  url: %s/missing.yaml
                                  optional: true
                            """.formatted(url, url)));

            ReleaseRendered release = renderer.render(repo.commit("chart file and url")).get(0);

            assertThat(release.error()).isNull();
            assertThat(image(release)).endsWith(":7.0.0");
            assertThat(spec(release, "Deployment").get("replicas")).isEqualTo(4);
            assertThat(object(release, "ConfigMap").get("data")).isEqualTo(Map.of("GREETING", "from the web"));
            assertThat(release.values().values()).as("the values Helm was given, for Helm's release record")
                    .isEqualTo(Map.of("replicas", 4, "greeting", "from the web", "image", Map.of("tag", "7.0.0")));
            assertThat(release.notes()).isEqualTo("app greets with \"from the web\"\n");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void leavesOutFluxV1ValuesSourcesThatAreMissingAndOptional() {
        repo.write("releases/dev/values.yaml", "apiVersion: v1\nkind: ConfigMap\n"
                + "metadata: {name: app-values, namespace: apps}\ndata: {values.yaml: 'replicas: 2'}\n")
                .write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/app", """
                        valuesFrom:
                          - configMapKeyRef:
                              name: not-there
                              optional: true
                          - configMapKeyRef:
                              name: app-values
                          - secretKeyRef:
                              name: not-there-either
                              key: values.yaml
                              optional: true
                          - chartFileRef:
                              path: env/not-there.yaml
                              optional: true
                        """));

        ReleaseRendered release = find(renderer.render(repo.commit("optional values")), "apps-app");

        assertThat(release.error()).isNull();
        assertThat(spec(release, "Deployment").get("replicas")).isEqualTo(2);
    }

    @Test
    void reportsAMissingValuesSourceAndRendersTheRest() {
        repo.write("releases/dev/other.yaml", fluxV1("apps", "other", "charts/app", ""))
                .write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/app", """
                        valuesFrom:
                          - chartFileRef:
                              path: env/production.yaml
                        """))
                .write("releases/dev/web.yaml", fluxV1("apps", "web", "charts/app", """
                        valuesFrom:
                          - secretKeyRef:
                              name: web-values
                              key: values.yaml
                        """));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("missing values"));

        assertThat(find(rendered, "apps-app").error()).isEqualTo("releases/dev/app.yaml: HelmRelease apps/app:"
                + " spec.valuesFrom[0].chartFileRef: chart file 'env/production.yaml' does not exist");
        assertThat(find(rendered, "apps-web").error()).isEqualTo("releases/dev/web.yaml: HelmRelease apps/web:"
                + " spec.valuesFrom[0].secretKeyRef: Secret apps/web-values is not in the repository");
        assertThat(find(rendered, "apps-other").objectCount()).isEqualTo(3);
    }

    @Test
    void reportsAReleaseWhoseObjectsPassThePayloadLimitAndRendersTheRest() {
        renderer.close();
        renderer = renderer(temp.resolve("work-small"), 4_000, CommitRenderer.DEFAULT_MAX_VALUES_BYTES,
                CommitRenderer.DEFAULT_RENDER_TIMEOUT);
        StringBuilder noise = new StringBuilder();
        Random random = new Random(7);
        for (int i = 0; i < 8_000; i++) {
            noise.append((char) ('a' + random.nextInt(26)));
        }
        repo.write("releases/dev/small.yaml", fluxV1("apps", "small", "charts/app", ""))
                .write("releases/dev/big.yaml", fluxV1("apps", "big", "charts/app", "values:\n  greeting: " + noise
                        + "\n"));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("one too big"));

        assertThat(find(rendered, "apps-big").error()).startsWith("releases/dev/big.yaml: HelmRelease apps/big: the"
                + " rendered objects take ").endsWith(" bytes compressed, over the limit of 4000 bytes"
                        + " (flotilla.renderer.max-payload-bytes); split the release or raise the limit");
        assertThat(find(rendered, "apps-small").objectCount()).isEqualTo(3);
    }

    @Test
    void rendersCrdsFirstThenTheReleaseThenItsHooksWithHelmsOwnAnnotations() throws Exception {
        repo.chart("hooks", "charts/hooks")
                .write("releases/dev/hooks.yaml", fluxV1("apps", "db", "charts/hooks", ""));

        ReleaseRendered release = renderer.render(repo.commit("hooks")).get(0);

        assertThat(release.error()).isNull();
        Path chart = ConfigRepository.testChart("hooks");
        List<Map<String, Object>> expected = new ArrayList<>();
        expected.addAll(HelmOutput.objects(Files.readString(chart.resolve("crds/widgets.yaml"))));
        expected.addAll(HelmOutput.objects(new Helm(chart).template().withName("apps-db").withNamespace("apps")
                .withKubeVersion("v1.31.0").call()));
        // What helm template prints after the manifest: the hooks, ordered by kind as Helm sorts them.
        expected.addAll(HelmOutput.objects("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: apps-db-installed
                  annotations:
                    helm.sh/hook: post-install
                    helm.sh/hook-weight: "5"
                data:
                  release: apps-db
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: apps-db-test
                  annotations:
                    "helm.sh/hook": test
                spec:
                  restartPolicy: Never
                  containers:
                    - name: wget
                      image: busybox
                      args: ["wget", "apps-db:80"]
                ---
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: apps-db-migrate
                  annotations:
                    "helm.sh/hook": pre-install,pre-upgrade
                    "helm.sh/hook-weight": "-5"
                    "helm.sh/hook-delete-policy": before-hook-creation,hook-succeeded
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                        - name: migrate
                          image: registry.example.com/migrate:1.0.0
                """));
        assertThat(release.objects().objects()).isEqualTo(expected);
        assertThat(kinds(release)).containsExactly("CustomResourceDefinition", "Service", "ConfigMap", "Pod", "Job");
    }

    @Test
    void leavesTheChartsCrdsOutWhenTheReleaseSkipsThem() {
        repo.chart("hooks", "charts/hooks")
                .write("releases/dev/hooks.yaml", fluxV1("apps", "db", "charts/hooks", "skipCRDs: true\n"));

        assertThat(kinds(renderer.render(repo.commit("no CRDs")).get(0)))
                .containsExactly("Service", "ConfigMap", "Pod", "Job");
    }

    @Test
    void rendersAFluxV2ReleaseFromAHelmRepositoryAtTheHighestVersionInItsRange() throws Exception {
        try (HelmRepositoryServer charts = HelmRepositoryServer.start(temp.resolve("helm-repo"))
                .chart("app", "1.4.0").chart("app", "1.5.0").chart("app", "2.0.0")) {
            repo.write("flux-system/charts.yaml", helmRepository("charts", charts.url(), ""))
                    .write("releases/prod/app.yaml", fluxV2FromHelmRepository("app", "charts", ">=1.4.0 <2.0.0", imageTag("5.0.0")));

            ReleaseRendered release = renderer.render(repo.commit("app from a Helm repository")).get(0);

            assertThat(release.error()).isNull();
            assertThat(release.chartName()).isEqualTo("app");
            assertThat(release.chartVersion()).isEqualTo("1.5.0");
            assertThat(image(release)).isEqualTo("registry.example.com/app:5.0.0");
            Path values = Files.writeString(temp.resolve("values.yaml"), "image:\n  tag: 5.0.0\n");
            assertThat(release.objects().objects()).isEqualTo(HelmOutput.objects(new Helm(
                    ConfigRepository.testChart("app")).template().withName("app").withNamespace("apps")
                    .withValuesFile(values).call()));
        }
    }

    @Test
    void asksForTheHelmRepositoryIndexAgainOnlyIfItChanged() {
        try (HelmRepositoryServer charts = HelmRepositoryServer.start(temp.resolve("helm-repo")).chart("app", "1.4.0")) {
            repo.write("flux-system/charts.yaml", helmRepository("charts", charts.url(), ""))
                    .write("releases/prod/app.yaml", fluxV2FromHelmRepository("app", "charts", "1.x", ""));
            renderer.render(repo.commit("app"));
            repo.write("releases/prod/app.yaml", fluxV2FromHelmRepository("app", "charts", "1.x", "values:\n  replicas: 3\n"));

            assertThat(renderer.render(repo.commit("three replicas"))).singleElement()
                    .satisfies(release -> assertThat(release.error()).isNull());
            assertThat(charts.indexDownloads()).isEqualTo(1);
            assertThat(charts.indexNotModified()).isEqualTo(1);
        }
    }

    @Test
    void downloadsAHelmRepositoryChartOnceForTheCommitsThatKeepItsVersion() {
        try (HelmRepositoryServer charts = HelmRepositoryServer.start(temp.resolve("helm-repo")).chart("app", "1.4.0")) {
            repo.write("flux-system/charts.yaml", helmRepository("charts", charts.url(), ""))
                    .write("releases/prod/app.yaml", fluxV2FromHelmRepository("app", "charts", "1.x", ""));
            renderer.render(repo.commit("app"));
            renderer.render(repo.write("releases/prod/app.yaml", fluxV2FromHelmRepository("app", "charts", "1.x", "values:\n  replicas: 3\n"))
                    .commit("three replicas"));

            assertThat(renderer.render(repo.write("README.md", "the fleet\n").commit("no-op"))).isEmpty();
            assertThat(charts.chartDownloads()).isEqualTo(1);
        }
    }

    @Test
    void rendersFromAHelmRepositoryWithBasicAuthFromTheSecretItsSourceNames() {
        try (HelmRepositoryServer charts = HelmRepositoryServer.start(temp.resolve("helm-repo")).chart("app", "1.4.0")
                .requireBasicAuth("fleet", "s3cret")) {
            repo.write("releases/dev/app.yaml", helmRelease(FLUX_V1, "apps", "app", """
                    chart:
                      repository: %s
                      name: app
                      version: 1.4.0
                    """.formatted(charts.url())))
                    .write("flux-system/charts.yaml", helmRepository("charts", charts.url(), "secretRef:\n  name: charts-auth\n")
                            + """
                            ---
                            apiVersion: v1
                            kind: Secret
                            metadata:
                              name: charts-auth
                              namespace: flux-system
                            stringData:
                              username: fleet
                              password: s3cret
                            """)
                    .write("releases/prod/app.yaml", fluxV2FromHelmRepository("app", "charts", "1.4.0", ""));

            List<ReleaseRendered> rendered = renderer.render(repo.commit("app from a private Helm repository"));

            assertThat(find(rendered, "apps-app").error()).isEqualTo("releases/dev/app.yaml: HelmRelease apps/app:"
                    + " spec.chart: " + charts.url() + "/index.yaml answered HTTP 401");
            assertThat(find(rendered, "app").error()).isNull();
            assertThat(find(rendered, "app").chartVersion()).isEqualTo("1.4.0");
        }
    }

    @Test
    void reportsAVersionRangeWithNoMatchAndRendersTheRest() {
        try (HelmRepositoryServer charts = HelmRepositoryServer.start(temp.resolve("helm-repo")).chart("app", "1.4.0")) {
            repo.write("flux-system/charts.yaml", helmRepository("charts", charts.url(), ""))
                    .write("releases/prod/app.yaml", fluxV2FromHelmRepository("app", "charts", "^3.0.0", ""))
                    .write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/app", ""));

            List<ReleaseRendered> rendered = renderer.render(repo.commit("bad chart versions"));

            assertThat(find(rendered, "app").error()).isEqualTo("releases/prod/app.yaml: HelmRelease apps/app:"
                    + " spec.chart.spec: no version of chart 'app' in " + charts.url() + " matches '^3.0.0'");
            assertThat(find(rendered, "apps-app").objectCount()).isEqualTo(3);
        }
    }

    @Test
    void refusesACommitWhoseChartRepositoryCannotBeReachedForNowSoThatItIsRenderedAgainLater() {
        repo.write("releases/dev/gone.yaml", helmRelease(FLUX_V1, "apps", "gone", """
                chart:
                  repository: http://127.0.0.1:1/charts
                  name: app
                  version: 1.0.0
                """)).write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/app", ""));

        assertThatThrownBy(() -> renderer.render(repo.commit("a chart repository that is down")))
                .isInstanceOf(ChartSourceUnavailableException.class)
                .hasMessageStartingWith("spec.chart: the Helm repository http://127.0.0.1:1/charts cannot be reached");
    }

    @Test
    void aChartRepositoryStillOutOfReachAfterTheRetriesFailsItsReleaseAndTheRestRender() {
        repo.write("releases/dev/gone.yaml", helmRelease(FLUX_V1, "apps", "gone", """
                chart:
                  repository: http://127.0.0.1:1/charts
                  name: app
                  version: 1.0.0
                """)).write("releases/dev/app.yaml", fluxV1("apps", "app", "charts/app", ""));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("a chart repository gone for good"), 7, true);

        assertThat(find(rendered, "apps-gone").error()).startsWith("releases/dev/gone.yaml: spec.chart: the Helm "
                + "repository http://127.0.0.1:1/charts cannot be reached").endsWith("(still, after the renderer's "
                + "retries; the next commit tries again)");
        assertThat(find(rendered, "apps-app").error()).isNull();
        assertThat(rendered).extracting(ReleaseRendered::commitOrder).containsOnly(7L);
    }

    @Test
    void refusesACommitTheRepositoryDoesNotHave() {
        repo.commit("something");
        CommitDetected unknown = new CommitDetected(repo.location(), "main", "0".repeat(40), null, List.of(), null,
                null, null);

        assertThatThrownBy(() -> renderer.render(unknown)).isInstanceOf(RepositoryUnavailableException.class)
                .hasMessageContaining("0000000000000000000000000000000000000000 is not on any branch of "
                        + repo.location());
    }

    /** A Flux v1 HelmRelease of chart {@code charts/app} with Flotilla's interval and drift annotations. */
    private static String fluxV1Annotated(String namespace, String name, String interval, String drift) {
        return fluxV1(namespace, name, "charts/app", "").replace("  namespace: " + namespace + "\n",
                "  namespace: " + namespace + "\n  annotations:\n    flotilla.io/reconcile-interval: " + interval
                        + "\n    flotilla.io/drift-detection: " + drift + "\n");
    }

    private static String namespace(String name) {
        return """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: %s
                """.formatted(name);
    }

    private static ReleaseRendered find(List<ReleaseRendered> rendered, String name) {
        return rendered.stream().filter(release -> release.release().name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> kinds(ReleaseRendered release) {
        return release.objects().objects().stream().map(object -> (String) object.get("kind")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(ReleaseRendered release) {
        return release.objects().objects().stream()
                .map(object -> (String) ((Map<String, Object>) object.get("metadata")).get("name")).toList();
    }

    private static Map<String, Object> object(ReleaseRendered release, String kind) {
        return release.objects().objects().stream().filter(object -> kind.equals(object.get("kind"))).findFirst()
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(ReleaseRendered release, String kind) {
        return (Map<String, Object>) object(release, kind).get("spec");
    }

    @SuppressWarnings("unchecked")
    private static String image(ReleaseRendered release) {
        Map<String, Object> spec = (Map<String, Object>) object(release, "Deployment").get("spec");
        Map<String, Object> template = (Map<String, Object>) spec.get("template");
        Map<String, Object> podSpec = (Map<String, Object>) template.get("spec");
        List<Map<String, Object>> containers = (List<Map<String, Object>>) podSpec.get("containers");
        return (String) containers.get(0).get("image");
    }
}
