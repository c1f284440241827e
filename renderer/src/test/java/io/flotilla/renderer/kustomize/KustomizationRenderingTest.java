package io.flotilla.renderer.kustomize;

import static io.flotilla.testing.fixtures.KustomizationYaml.kustomization;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fleetSource;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV2;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.events.ClusterRef;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.renderer.ConfigRepository;
import io.flotilla.renderer.cluster.ClusterCapabilities;
import io.flotilla.renderer.release.InvalidYamlException;
import io.flotilla.renderer.release.YamlDocuments;
import io.flotilla.renderer.render.CommitRenderer;

/**
 * Flux Kustomizations and folders with a kustomization file rendered as Flux and kustomize build them: compared
 * with what {@code kubectl kustomize} itself builds from the same files.
 */
class KustomizationRenderingTest {

    private static final ClusterRef PROD = new ClusterRef("prod", Map.of("env", "prod"));

    private static final String BASE_KUSTOMIZATION = """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
              - deployment.yaml
              - script.yaml
            """;
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels:
                app: web
                env: ${env}
              annotations:
                cluster: ${cluster_name}
            spec:
              replicas: ${replicas:=1}
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                    - name: web
                      image: nginx:1.0
                      env:
                        - name: GREETING
                          value: hello $${USER}
            """;
    private static final String SCRIPT = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: script
              annotations:
                kustomize.toolkit.fluxcd.io/substitute: disabled
            data:
              run.sh: echo ${HOME}
            """;
    private static final String MONITORING = """
            apiVersion: kustomize.config.k8s.io/v1alpha1
            kind: Component
            patches:
              - target:
                  kind: Deployment
                patch: |-
                  apiVersion: apps/v1
                  kind: Deployment
                  metadata:
                    name: any
                    annotations:
                      prometheus.io/scrape: "true"
            """;
    private static final String OVERLAY_FIELDS = """
            namespace: web
            namePrefix: prod-
            patches:
              - target:
                  kind: Deployment
                  name: web
                patch: |-
                  - op: add
                    path: /metadata/labels/tier
                    value: frontend
            images:
              - name: nginx
                newTag: "1.25"
            """;

    @TempDir
    Path temp;

    private ConfigRepository repo;
    private CommitRenderer renderer;

    @BeforeEach
    void setUp() {
        repo = ConfigRepository.in(temp.resolve("fleet"))
                .write("flux-system/sources.yaml", fleetSource())
                .write("apps/base/kustomization.yaml", BASE_KUSTOMIZATION)
                .write("apps/base/deployment.yaml", DEPLOYMENT)
                .write("apps/base/script.yaml", SCRIPT)
                .write("apps/components/monitoring/kustomization.yaml", MONITORING);
        renderer = renderer(Kustomize.find(Optional.empty()));
    }

    private CommitRenderer renderer(Kustomize kustomize) {
        return renderer(kustomize, List.of(PROD));
    }

    private CommitRenderer renderer(Kustomize kustomize, List<ClusterRef> fleet) {
        return new CommitRenderer(temp.resolve("work"), () -> fleet, CommitRenderer.DEFAULT_MAX_PAYLOAD_BYTES,
                new ClusterCapabilities(), 0, CommitRenderer.DEFAULT_CHART_CACHE_MAX_BYTES,
                CommitRenderer.DEFAULT_MAX_VALUES_BYTES, Duration.ofMinutes(2), kustomize);
    }

    @AfterEach
    void tearDown() {
        renderer.close();
        repo.close();
    }

    @Test
    void buildsAFluxKustomizationWithPatchesImagesComponentsAndSubstitutionsAsKustomizeAndFluxDo() throws Exception {
        repo.write("clusters/prod/apps.yaml", """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: apps
                  namespace: flux-system
                spec:
                  interval: 10m
                  timeout: 2m
                  sourceRef:
                    kind: GitRepository
                    name: flux-system
                  path: ./apps/base
                  prune: true
                  components:
                    - ../components/monitoring
                  dependsOn:
                    - name: infra
                  healthChecks:
                    - apiVersion: apps/v1
                      kind: Deployment
                      name: prod-web
                      namespace: web
                  postBuild:
                    substitute:
                      env: production
                    substituteFrom:
                      - kind: ConfigMap
                        name: prod-vars
                      - kind: Secret
                        name: optional-vars
                        optional: true
                """ + OVERLAY_FIELDS.replace("namespace: web", "targetNamespace: web").indent(2))
                .write("clusters/prod/vars.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: prod-vars
                          namespace: flux-system
                        data:
                          env: staging
                          replicas: "3"
                        """);

        List<ReleaseRendered> rendered = renderer.render(repo.commit("apps"));

        ReleaseRendered apps = release(rendered, "apps");
        assertThat(apps.error()).isNull();
        assertThat(apps.format()).isEqualTo(ReleaseFormat.KUSTOMIZATION);
        assertThat(apps.release().namespace()).isEqualTo("flux-system");
        assertThat(apps.sourceFile()).isEqualTo("clusters/prod/apps.yaml");
        // What kustomize builds from the same files with the same fields, then Flux's substitutions, then the
        // cluster's variables.
        String built = kubectlKustomize(Map.of(
                "apps/base/kustomization.yaml", BASE_KUSTOMIZATION,
                "apps/base/deployment.yaml", DEPLOYMENT,
                "apps/base/script.yaml", SCRIPT,
                "apps/components/monitoring/kustomization.yaml", MONITORING,
                "overlay/kustomization.yaml", "resources: [../apps/base]\ncomponents: [../apps/components/monitoring]\n"
                        + OVERLAY_FIELDS));
        assertThat(built).contains("${replicas:=1}", "$${USER}", "${cluster_name}");
        String substituted = built.replace("${replicas:=1}", "3").replace("${env}", "production")
                .replace("$${USER}", "${USER}").replace("${cluster_name}", "prod");
        assertThat(apps.objects().objects()).isEqualTo(objects(substituted));
        assertThat(apps.options()).isEqualTo(ReleaseOptions.builder().intervalSeconds(600).timeoutSeconds(120)
                .dependsOn(List.of("flux-system/infra")).prune(true).waitForAll(false)
                .healthChecks(List.of(new ObjectRef("apps/v1", "Deployment", "web", "prod-web"))).build());
        // The folders the Kustomization builds are no releases of their own; the folder of its file is.
        assertThat(rendered).extracting(release -> release.release().name())
                .containsExactlyInAnyOrder("apps", "clusters-prod");
    }

    @Test
    void buildsAFolderWithAKustomizationFileAsOneReleaseAndItsBasesAsNone() throws Exception {
        String overlay = """
                resources:
                  - ../base
                namePrefix: dev-
                configMapGenerator:
                  - name: settings
                    literals:
                      - colour=blue
                """;
        repo.write("shop/dev/kustomization.yaml", overlay)
                .write("shop/base/kustomization.yaml", "resources: [service.yaml]\n")
                .write("shop/base/service.yaml", """
                        apiVersion: v1
                        kind: Service
                        metadata:
                          name: shop
                        spec:
                          ports:
                            - port: 80
                        """)
                .write("plain/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: plain\n");

        List<ReleaseRendered> rendered = renderer.render(repo.commit("folders"));

        assertThat(rendered).extracting(release -> release.release().name())
                .containsExactlyInAnyOrder("shop-dev", "plain", "apps-base");
        ReleaseRendered shop = release(rendered, "shop-dev");
        assertThat(shop.error()).isNull();
        assertThat(shop.format()).isEqualTo(ReleaseFormat.MANIFESTS);
        assertThat(shop.objects().objects()).isEqualTo(objects(kubectlKustomize(Map.of(
                "shop/base/kustomization.yaml", "resources: [service.yaml]\n",
                "shop/base/service.yaml", repoFile("shop/base/service.yaml"),
                "shop/dev/kustomization.yaml", overlay), "shop/dev")));
        assertThat(shop.objects().objects())
                .extracting(object -> String.valueOf(((Map<?, ?>) object.get("metadata")).get("name")))
                .contains("dev-shop").anySatisfy(name -> assertThat(name).startsWith("dev-settings-"));
    }

    @Test
    void generatesTheKustomizationOfAPathWithoutOneAsFluxDoesAndLeavesNoPlainReleaseBehind() {
        repo.write("infra/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: infra\n")
                .write("infra/config/settings.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: settings
                          namespace: infra
                        data:
                          level: info
                        """)
                .write("infra/values.yaml", "replicas: 2\n")
                .write("clusters/prod/infra.yaml", kustomization("infra", "./infra", ""));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("infra"));

        assertThat(rendered).extracting(release -> release.release().name())
                .containsExactlyInAnyOrder("infra", "apps-base");
        assertThat(release(rendered, "infra").objects().objects())
                .extracting(object -> object.get("kind") + " " + ((Map<?, ?>) object.get("metadata")).get("name"))
                .containsExactly("Namespace infra", "ConfigMap settings");
    }

    @Test
    void failsWhatCannotBeBuiltWithTheFileTheObjectAndTheReasonAndRendersTheRest() {
        repo.write("clusters/prod/remote.yaml", kustomization("remote", "./apps/base", """
                kubeConfig:
                  secretRef:
                    name: remote-cluster
                """))
                .write("clusters/prod/missing.yaml", kustomization("missing", "./apps/nowhere", ""))
                .write("clusters/prod/other.yaml", """
                        apiVersion: source.toolkit.fluxcd.io/v1
                        kind: GitRepository
                        metadata:
                          name: other
                          namespace: flux-system
                        spec:
                          url: https://git.example.com/team/other
                        ---
                        """ + kustomization("other", "./apps/base", "").replace("name: flux-system", "name: other"))
                .write("broken/kustomization.yaml", "resources: [not-there.yaml]\n")
                .write("plain/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: plain\n");

        List<ReleaseRendered> rendered = renderer.render(repo.commit("bad input"));

        assertThat(release(rendered, "remote").error()).isEqualTo("clusters/prod/remote.yaml: Kustomization"
                + " flux-system/remote: spec.kubeConfig: applying to another cluster than the one targeted is not"
                + " supported; remove spec.kubeConfig and send the file to that cluster with flotilla.yaml");
        assertThat(release(rendered, "missing").error()).isEqualTo("clusters/prod/missing.yaml: Kustomization"
                + " flux-system/missing: spec.path './apps/nowhere' is no folder of the repository at "
                + release(rendered, "missing").sourceSha().substring(0, 7));
        assertThat(release(rendered, "other").error()).isEqualTo("clusters/prod/other.yaml: Kustomization"
                + " flux-system/other: spec.sourceRef: GitRepository flux-system/other is"
                + " https://git.example.com/team/other, another repository; Flotilla builds Kustomizations of the"
                + " repository it watches: watch https://git.example.com/team/other as a source of its own and keep"
                + " the Kustomization there");
        assertThat(release(rendered, "broken").error()).startsWith("broken/kustomization.yaml: kustomize refused"
                + " it: ").contains("not-there.yaml").doesNotContain(temp.toString());
        assertThat(release(rendered, "plain").error()).isNull();
        assertThat(rendered).as("the folder a refused Kustomization names is not applied as something else")
                .noneMatch(release -> release.release().name().equals("apps-base"));
    }

    @Test
    void failsKustomizeBuildsWhenThereIsNoKustomizeAndRendersEverythingElse() {
        renderer.close();
        renderer = renderer(Kustomize.find(Optional.of("no-such-kustomize")));
        repo.write("clusters/prod/apps.yaml", kustomization("apps", "./apps/base", ""))
                .write("plain/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: plain\n");

        List<ReleaseRendered> rendered = renderer.render(repo.commit("no kustomize"));

        assertThat(release(rendered, "apps").error()).isEqualTo("clusters/prod/apps.yaml: Kustomization"
                + " flux-system/apps: spec.path './apps/base': cannot build with kustomize: 'no-such-kustomize'"
                + " (flotilla.renderer.kustomize) is not an executable file nor on the PATH");
        assertThat(release(rendered, "plain").error()).isNull();
    }

    @Test
    void rendersTheHelmReleaseEachClustersOverlayPatchesOnThatClusterAlone() {
        renderer.close();
        renderer = renderer(Kustomize.find(Optional.empty()), List.of(new ClusterRef("staging", Map.of()),
                new ClusterRef("production", Map.of())));
        webOverlays("staging", "production");
        repo.write("clusters/staging/web.yaml", kustomization("web", "./web/staging", ""))
                .write("clusters/production/web.yaml", kustomization("web", "./web/production", ""));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("web per cluster"));

        assertThat(rendered).filteredOn(release -> release.release().name().equals("web"))
                .extracting(release -> release.release().cluster() + " " + release.format() + " "
                        + release.sourceFile() + " " + greeting(release))
                .containsExactlyInAnyOrder(
                        "staging FLUX_V2 clusters/staging/web.yaml hello staging",
                        "production FLUX_V2 clusters/production/web.yaml hello production",
                        "staging KUSTOMIZATION clusters/staging/web.yaml null",
                        "production KUSTOMIZATION clusters/production/web.yaml null");
        assertThat(rendered).allSatisfy(release -> assertThat(release.error()).isNull());
    }

    @Test
    void rendersAHelmReleaseWithItsKustomizationsSubstitutionsThenTheClustersVariables() {
        webOverlays();
        repo.write("web/base/release.yaml", fluxV2("web", "web", "charts/app",
                        "values:\n  greeting: ${greeting:=hi} from ${team} on ${cluster_name}\n"))
                .write("clusters/prod/web.yaml", kustomization("apps", "./web/base", """
                        postBuild:
                          substitute:
                            team: shop
                        """));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("web substituted"));

        assertThat(rendered).filteredOn(release -> release.format() == ReleaseFormat.FLUX_V2).singleElement()
                .satisfies(web -> assertThat(greeting(web)).isEqualTo("hi from shop on prod"));
    }

    @Test
    void failsAHelmReleaseTwoOverlaysSendToTheSameClusterNamingBoth() {
        webOverlays("staging", "production");
        repo.write("clusters/prod/web.yaml", kustomization("apps", "./web/staging", ""))
                .write("clusters/prod/web-again.yaml", kustomization("apps-again", "./web/production", ""));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("web twice"));

        assertThat(rendered).filteredOn(release -> release.format() == ReleaseFormat.FLUX_V2).singleElement()
                .satisfies(web -> assertThat(web.error()).isEqualTo("clusters/prod/web-again.yaml,"
                        + " clusters/prod/web.yaml: release web/web on cluster prod is declared more than once;"
                        + " give each a different name or namespace"));
        assertThat(release(rendered, "apps").error()).isNull();
        assertThat(release(rendered, "apps-again").error()).isNull();
    }

    @Test
    void keepsTheHelmReleaseOfAKustomizationThatNoLongerBuildsFailingWithTheReason() {
        webOverlays("staging");
        repo.write("clusters/prod/web.yaml", kustomization("apps", "./web/staging", ""));
        assertThat(renderer.render(repo.commit("web"))).filteredOn(release -> release.format() == ReleaseFormat.FLUX_V2)
                .singleElement().satisfies(web -> assertThat(web.error()).isNull());

        repo.write("web/staging/kustomization.yaml", "resources: [../base, missing.yaml]\n");
        List<ReleaseRendered> rendered = renderer.render(repo.commit("web broken"));

        assertThat(rendered).filteredOn(release -> release.release().name().equals("web")).singleElement()
                .satisfies(web -> {
                    assertThat(web.removed()).isFalse();
                    assertThat(web.error()).startsWith("clusters/prod/web.yaml: release web/web: its file cannot be"
                            + " read, so the release is kept as it is: clusters/prod/web.yaml: Kustomization"
                            + " flux-system/apps: spec.path './web/staging': ").contains("missing.yaml");
                });
    }

    /** {@code web/base}: a HelmRelease of the chart in Git; {@code web/<env>}: it, with the greeting patched. */
    private void webOverlays(String... envs) {
        repo.chart("app", "charts/app")
                .write("web/base/kustomization.yaml", "resources: [release.yaml]\n")
                .write("web/base/release.yaml", fluxV2("web", "web", "charts/app", "values:\n  greeting: hello\n"));
        for (String env : envs) {
            repo.write("web/" + env + "/kustomization.yaml", """
                    resources: [../base]
                    patches:
                      - patch: |-
                          apiVersion: helm.toolkit.fluxcd.io/v2
                          kind: HelmRelease
                          metadata:
                            name: web
                            namespace: web
                          spec:
                            values:
                              greeting: hello %s
                    """.formatted(env));
        }
    }

    /** The greeting the chart's ConfigMap holds, null for a release without one. */
    private static String greeting(ReleaseRendered release) {
        if (release.objects() == null) {
            return null;
        }
        return release.objects().objects().stream().filter(object -> "ConfigMap".equals(object.get("kind")))
                .map(object -> String.valueOf(((Map<?, ?>) object.get("data")).get("GREETING"))).findFirst()
                .orElse(null);
    }

    private String repoFile(String path) throws IOException {
        return Files.readString(Path.of(repo.location()).resolve(path));
    }

    private static ReleaseRendered release(List<ReleaseRendered> rendered, String name) {
        return rendered.stream().filter(release -> release.release().name().equals(name)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(String yaml) throws InvalidYamlException {
        return YamlDocuments.parse(yaml).stream().map(document -> (Map<String, Object>) document).toList();
    }

    private String kubectlKustomize(Map<String, String> files) throws Exception {
        return kubectlKustomize(files, "overlay");
    }

    /** {@code kubectl kustomize} itself, on the files written out afresh. */
    private String kubectlKustomize(Map<String, String> files, String folder) throws Exception {
        Path dir = Files.createTempDirectory(temp, "expected");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        Process process = new ProcessBuilder("kubectl", "kustomize", dir.resolve(folder).toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
