package io.flotilla.renderer.render;

import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV1;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.imageTag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.clusters.Fleet;
import io.flotilla.clusters.RegisteredCluster;
import io.flotilla.events.ClusterState;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.Rollout;
import io.flotilla.renderer.ConfigRepository;
import io.flotilla.renderer.cluster.ClusterCapabilities;
import io.flotilla.renderer.targeting.TargetingReport;

/**
 * A fleet that changes while commits go by, and a repository that says with its targeting file which releases go
 * where, with what values and in which waves.
 */
class FleetTargetingTest {

    /** A Flux v1 repository run as one daemon per cluster: flux/common everywhere, flux/cluster_NAME on NAME. */
    private static final String FLUX_V1_LAYOUT = """
            apiVersion: flotilla.io/v1
            kind: Targeting
            targets:
              - name: common
                paths: ["flux/common/**"]
              - name: per-cluster
                paths: ["flux/cluster_{cluster}/**"]
            """;

    @TempDir
    Path temp;

    private final Fleet fleet = new Fleet(null);
    private final ClusterCapabilities capabilities = new ClusterCapabilities();
    private ConfigRepository repo;
    private CommitRenderer renderer;

    @BeforeEach
    void setUp() {
        repo = ConfigRepository.in(temp.resolve("fleet")).chart("app", "charts/app").write("README.md", "fleet\n");
        renderer = new CommitRenderer(temp.resolve("work"), fleet::refs, CommitRenderer.DEFAULT_MAX_PAYLOAD_BYTES,
                capabilities, 0, CommitRenderer.DEFAULT_CHART_CACHE_MAX_BYTES, CommitRenderer.DEFAULT_MAX_VALUES_BYTES,
                CommitRenderer.DEFAULT_RENDER_TIMEOUT);
    }

    @AfterEach
    void tearDown() {
        renderer.close();
        repo.close();
    }

    @Test
    void rendersAFluxV1RepositoryOfCommonAndClusterFoldersWithoutMovingAFile() {
        join("eks", Map.of("env", "prod"));
        join("gke", Map.of("env", "prod"));
        join("aks", Map.of("env", "dev"));
        repo.write("flotilla.yaml", FLUX_V1_LAYOUT)
                .write("flux/common/namespaces.yaml", namespace("apps"))
                .write("flux/common/agent.yaml", fluxV1("monitoring", "agent", "charts/app", ""))
                .write("flux/cluster_eks/app.yaml", fluxV1("apps", "app", "charts/app", imageTag("1.0.0")))
                .write("flux/cluster_gke/app.yaml", fluxV1("apps", "app", "charts/app", imageTag("2.0.0")));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("the Flux v1 layout"));

        assertThat(rendered).allSatisfy(release -> assertThat(release.error()).isNull());
        assertThat(rendered).extracting(ReleaseRendered::release).containsExactlyInAnyOrder(
                new ReleaseKey("aks", "default", "flux-common"), new ReleaseKey("eks", "default", "flux-common"),
                new ReleaseKey("gke", "default", "flux-common"), new ReleaseKey("aks", "monitoring", "monitoring-agent"),
                new ReleaseKey("eks", "monitoring", "monitoring-agent"),
                new ReleaseKey("gke", "monitoring", "monitoring-agent"),
                new ReleaseKey("eks", "apps", "apps-app"), new ReleaseKey("gke", "apps", "apps-app"));
        assertThat(rendered).filteredOn(release -> release.release().name().equals("apps-app"))
                .extracting(release -> release.release().cluster(), ReleaseRendered::sourceFile, FleetTargetingTest::image)
                .containsExactlyInAnyOrder(
                        tuple("eks", "flux/cluster_eks/app.yaml", "registry.example.com/app:1.0.0"),
                        tuple("gke", "flux/cluster_gke/app.yaml", "registry.example.com/app:2.0.0"));
    }

    @Test
    void takesTheSameReleaseInTwoClusterFoldersForTwoReleasesAndInTwoFoldersOfOneClusterForAConflict() {
        join("eks", Map.of());
        join("gke", Map.of());
        repo.write("flux/cluster_eks/app.yaml", fluxV1("apps", "app", "charts/app", ""))
                .write("flux/cluster_gke/app.yaml", fluxV1("apps", "app", "charts/app", ""));
        assertThat(renderer.render(repo.commit("without a targeting file"))).as("the folder conventions: everywhere")
                .extracting(ReleaseRendered::error).containsOnly("flux/cluster_eks/app.yaml, flux/cluster_gke/app.yaml:"
                        + " release apps/apps-app on cluster eks is declared more than once; give each a different"
                        + " name or namespace", "flux/cluster_eks/app.yaml, flux/cluster_gke/app.yaml: release"
                        + " apps/apps-app on cluster gke is declared more than once; give each a different name or"
                        + " namespace");

        repo.write("flotilla.yaml", FLUX_V1_LAYOUT);
        assertThat(renderer.render(repo.commit("the targeting file"))).extracting(ReleaseRendered::release,
                ReleaseRendered::error).containsExactlyInAnyOrder(tuple(new ReleaseKey("eks", "apps", "apps-app"), null),
                tuple(new ReleaseKey("gke", "apps", "apps-app"), null));

        repo.write("flux/common/app.yaml", fluxV1("apps", "app", "charts/app", "")).delete("flux/cluster_gke/app.yaml");
        assertThat(renderer.render(repo.commit("common and eks both declare it")))
                .as("gke has the same release from flux/common: nothing to emit there")
                .extracting(ReleaseRendered::release, ReleaseRendered::error).containsExactly(
                        tuple(new ReleaseKey("eks", "apps", "apps-app"), "flux/cluster_eks/app.yaml, flux/common/app.yaml:"
                                + " release apps/apps-app on cluster eks is declared more than once; give each a"
                                + " different name or namespace"));
    }

    @Test
    void mergesCustomizationsAndSubstitutesClusterVariablesPerCluster() {
        join("eks", Map.of("env", "prod", "topology.kubernetes.io/region", "us-east-1"));
        join("gke", Map.of("env", "prod", "topology.kubernetes.io/region", "europe-west1"));
        join("aks", Map.of("env", "dev"));
        capabilities.observed(new ClusterState("eks", true, "v1.31.0", 1, 1, 0, 0, Instant.now()));
        repo.write("flotilla.yaml", """
                apiVersion: flotilla.io/v1
                kind: Targeting
                targets:
                  - name: common
                    paths: ["flux/common/**"]
                    customizations:
                      - clusters: {matchLabels: {env: prod}}
                        values: {replicas: 3}
                      - clusters: {names: [gke]}
                        values: {greeting: "hola from ${cluster_name}"}
                """).write("flux/common/app.yaml", fluxV1("apps", "app", "charts/app", """
                values:
                  greeting: "hello ${cluster_name} in ${cluster_label_topology_kubernetes_io_region:=nowhere} on ${cluster_kubernetes_version:=an unknown version}"
                """)).write("flux/common/ingress/config.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: ingress
                data:
                  host: "shop.${cluster_name}.example.com"
                  literal: "$${cluster_name}"
                  shell: "${HOME}"
                """);

        List<ReleaseRendered> rendered = renderer.render(repo.commit("one release for every cluster"));

        assertThat(rendered).filteredOn(release -> release.release().name().equals("apps-app"))
                .extracting(release -> release.release().cluster(), FleetTargetingTest::replicas,
                        FleetTargetingTest::greeting)
                .containsExactlyInAnyOrder(
                        tuple("eks", 3, "hello eks in us-east-1 on v1.31.0"),
                        tuple("gke", 3, "hola from gke"),
                        tuple("aks", 1, "hello aks in nowhere on an unknown version"));
        assertThat(rendered).filteredOn(release -> release.release().name().equals("flux-common-ingress"))
                .extracting(release -> release.release().cluster(), release -> object(release, "ConfigMap").get("data"))
                .containsExactlyInAnyOrder(
                        tuple("eks", Map.of("host", "shop.eks.example.com", "literal", "${cluster_name}",
                                "shell", "${HOME}")),
                        tuple("gke", Map.of("host", "shop.gke.example.com", "literal", "${cluster_name}",
                                "shell", "${HOME}")),
                        tuple("aks", Map.of("host", "shop.aks.example.com", "literal", "${cluster_name}",
                                "shell", "${HOME}")));

        capabilities.observed(new ClusterState("aks", true, "v1.30.4", 1, 1, 0, 0, Instant.now()));
        assertThat(renderer.renderAgain("aks", false)).as("a variable's value is part of the input")
                .singleElement().satisfies(release -> {
                    assertThat(release.release()).isEqualTo(new ReleaseKey("aks", "apps", "apps-app"));
                    assertThat(greeting(release)).isEqualTo("hello aks in nowhere on v1.30.4");
                });
        assertThat(renderer.render(repo.write("README.md", "unrelated\n").commit("nothing changed"))).isEmpty();
    }

    @Test
    void placesEachRenderingInItsWaveWaitingForTheRenderingsOfTheWaveBefore() {
        join("dev-1", Map.of("env", "dev"));
        join("stg-1", Map.of("env", "stg"));
        join("prod-1", Map.of("env", "prod"));
        join("prod-2", Map.of("env", "prod"));
        String targeting = """
                apiVersion: flotilla.io/v1
                kind: Targeting
                targets:
                  - name: shop
                    paths: ["apps/**"]
                    customizations:
                      - clusters: {matchLabels: {env: prod}}
                        values: {replicas: %d}
                    rollout:
                      soak: 2m
                      waves:
                        - {name: dev, clusters: {matchLabels: {env: dev}}}
                        - {name: stg, clusters: {matchLabels: {env: stg}}}
                        - {name: prod, clusters: {matchLabels: {env: prod}}}
                """;
        repo.write("flotilla.yaml", targeting.formatted(2))
                .write("apps/shop.yaml", fluxV1("apps", "shop", "charts/app", ""))
                .write("infra/quota.yaml", "apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: quota\n");

        List<ReleaseRendered> first = renderer.render(repo.commit("the shop, in waves"), 10);

        assertThat(first).filteredOn(release -> release.release().name().equals("apps-shop"))
                .extracting(release -> release.release().cluster(), ReleaseRendered::rollout)
                .containsExactlyInAnyOrder(
                        tuple("dev-1", new Rollout("shop", 0, "dev", 120, Map.of())),
                        tuple("stg-1", new Rollout("shop", 1, "stg", 120, Map.of("dev-1", 10L))),
                        tuple("prod-1", new Rollout("shop", 2, "prod", 120, Map.of("stg-1", 10L))),
                        tuple("prod-2", new Rollout("shop", 2, "prod", 120, Map.of("stg-1", 10L))));
        assertThat(first).filteredOn(release -> release.release().name().equals("infra"))
                .as("the folder conventions: no waves").hasSize(4)
                .allSatisfy(release -> assertThat(release.rollout()).isNull());

        repo.write("flotilla.yaml", targeting.formatted(4));
        List<ReleaseRendered> second = renderer.render(repo.commit("more replicas on prod only"), 11);

        assertThat(second).as("stg-1 keeps what it was given at 10, which prod waits for")
                .extracting(release -> release.release().cluster(), ReleaseRendered::rollout)
                .containsExactlyInAnyOrder(
                        tuple("prod-1", new Rollout("shop", 2, "prod", 120, Map.of("stg-1", 10L))),
                        tuple("prod-2", new Rollout("shop", 2, "prod", 120, Map.of("stg-1", 10L))));
    }

    @Test
    void failsEveryPublishedReleaseForATargetingFileThatCannotBeReadAndRemovesNothing() {
        join("eks", Map.of("env", "prod"));
        join("aks", Map.of("env", "dev"));
        repo.write("flotilla.yaml", FLUX_V1_LAYOUT)
                .write("flux/common/app.yaml", fluxV1("apps", "app", "charts/app", ""))
                .write("flux/cluster_eks/extra.yaml", fluxV1("apps", "extra", "charts/app", ""));
        renderer.render(repo.commit("good"), 1);

        repo.write("flotilla.yaml", FLUX_V1_LAYOUT + """
                    clusters:
                      matchExpressions: [{key: env, operator: Equals, values: [prod]}]
                """).delete("flux/cluster_eks/extra.yaml");
        List<ReleaseRendered> broken = renderer.render(repo.commit("a broken targeting file"), 2);

        String reason = "flotilla.yaml: line 9: targets[1].clusters.matchExpressions[0].operator: 'Equals' is not an"
                + " operator of a label selector; use In, NotIn, Exists or DoesNotExist (nothing is changed on the"
                + " clusters until the file is fixed)";
        assertThat(broken).extracting(ReleaseRendered::release, ReleaseRendered::error, ReleaseRendered::removed,
                ReleaseRendered::commitOrder).containsExactlyInAnyOrder(
                        tuple(new ReleaseKey("eks", "apps", "apps-app"), reason, false, 2L),
                        tuple(new ReleaseKey("aks", "apps", "apps-app"), reason, false, 2L),
                        tuple(new ReleaseKey("eks", "apps", "apps-extra"), reason, false, 2L));
        assertThat(renderer.targetingReports()).singleElement().satisfies(report -> {
            assertThat(report.file()).isEqualTo("flotilla.yaml");
            assertThat(report.error()).startsWith("flotilla.yaml: line 9: ");
        });

        repo.write("flotilla.yaml", FLUX_V1_LAYOUT);
        assertThat(renderer.render(repo.commit("fixed"), 3)).as("rendered again; the deleted release removed now")
                .extracting(ReleaseRendered::release, ReleaseRendered::failed, ReleaseRendered::removed)
                .containsExactlyInAnyOrder(
                        tuple(new ReleaseKey("eks", "apps", "apps-app"), false, false),
                        tuple(new ReleaseKey("aks", "apps", "apps-app"), false, false),
                        tuple(new ReleaseKey("eks", "apps", "apps-extra"), false, true));
    }

    @Test
    void warnsOfAReleaseWhoseEntrySelectsNoClusterAndPublishesNothingForIt() {
        join("eks", Map.of("env", "prod"));
        repo.write("flotilla.yaml", """
                apiVersion: flotilla.io/v1
                kind: Targeting
                targets:
                  - name: staging
                    paths: ["staging/**"]
                    clusters: {matchLabels: {env: staging}}
                  - name: per-cluster
                    paths: ["flux/cluster_{cluster}/**"]
                """).write("staging/app.yaml", fluxV1("apps", "app", "charts/app", ""))
                .write("flux/cluster_gone/app.yaml", fluxV1("apps", "gone", "charts/app", ""))
                .write("flux/cluster_eks/app.yaml", fluxV1("apps", "eks", "charts/app", ""));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("a selector for no cluster"));

        assertThat(rendered).extracting(ReleaseRendered::release).containsExactly(new ReleaseKey("eks", "apps", "apps-eks"));
        TargetingReport report = renderer.targetingReports().get(0);
        assertThat(report.error()).isNull();
        assertThat(report.entries()).extracting(TargetingReport.EntryReport::name, TargetingReport.EntryReport::clusters)
                .containsExactly(tuple("staging", List.of()), tuple("per-cluster", List.of("eks")));
        assertThat(report.warnings()).containsExactlyInAnyOrder(
                new TargetingReport.Warning("staging", "apps/apps-app", "staging/app.yaml", "staging/app.yaml: release"
                        + " apps/apps-app goes to no cluster: entry 'staging' of flotilla.yaml (line 4) selects none"
                        + " of the fleet"),
                new TargetingReport.Warning("per-cluster", "apps/apps-gone", "flux/cluster_gone/app.yaml",
                        "flux/cluster_gone/app.yaml: release apps/apps-gone goes to no cluster: entry 'per-cluster' of"
                                + " flotilla.yaml (line 7) selects none of the fleet"));
    }

    @Test
    void rendersForAClusterThatJoinsForgetsOneThatLeavesAndRemovesWhatARelabelTakesAway() {
        join("eu-1", Map.of("env", "prod"));
        repo.write("flotilla.yaml", """
                apiVersion: flotilla.io/v1
                kind: Targeting
                targets:
                  - name: prod
                    paths: ["prod/**"]
                    clusters: {matchLabels: {env: prod}}
                  - name: dev
                    paths: ["dev/**"]
                    clusters: {matchLabels: {env: dev}}
                """).write("prod/app.yaml", fluxV1("apps", "app", "charts/app", ""))
                .write("prod/web.yaml", fluxV1("apps", "web", "charts/app", ""))
                .write("dev/tools.yaml", fluxV1("apps", "tools", "charts/app", ""));
        renderer.render(repo.commit("prod and dev releases"), 5);

        join("eu-2", Map.of("env", "prod"));
        assertThat(renderer.renderAgain("eu-2", false)).as("joined: its releases at once, no commit needed")
                .extracting(ReleaseRendered::release, ReleaseRendered::commitOrder, ReleaseRendered::failed)
                .containsExactlyInAnyOrder(tuple(new ReleaseKey("eu-2", "apps", "apps-app"), 5L, false),
                        tuple(new ReleaseKey("eu-2", "apps", "apps-web"), 5L, false));

        fleet.register(fleet.get("eu-2").orElseThrow().withLabels(Map.of("env", "dev")));
        assertThat(renderer.renderAgain("eu-2", false)).as("relabelled: what no longer targets it is removed")
                .extracting(ReleaseRendered::release, ReleaseRendered::removed)
                .containsExactlyInAnyOrder(tuple(new ReleaseKey("eu-2", "apps", "apps-app"), true),
                        tuple(new ReleaseKey("eu-2", "apps", "apps-web"), true),
                        tuple(new ReleaseKey("eu-2", "apps", "apps-tools"), false));

        fleet.remove("eu-1", false);
        renderer.forgetCluster("eu-1");
        assertThat(renderer.render(repo.delete("prod/web.yaml").commit("web deleted"), 6))
                .as("eu-1 left: nothing published for it, not even a removal").isEmpty();
        assertThat(renderer.renderAgain("eu-1", false)).as("not in the fleet").isEmpty();

        join("eu-1", Map.of("env", "prod"));
        assertThat(renderer.renderAgain("eu-1", false)).as("back: everything that targets it, anew")
                .extracting(ReleaseRendered::release, ReleaseRendered::removed, ReleaseRendered::commitOrder)
                .containsExactly(tuple(new ReleaseKey("eu-1", "apps", "apps-app"), false, 6L));
    }

    private void join(String name, Map<String, String> labels) {
        fleet.register(new RegisteredCluster(name, labels, "https://" + name + ".example.com:6443", "api",
                Instant.now(), null));
    }

    private static String namespace(String name) {
        return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n";
    }

    private static Map<String, Object> object(ReleaseRendered release, String kind) {
        return release.objects().objects().stream().filter(object -> kind.equals(object.get("kind"))).findFirst()
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Object replicas(ReleaseRendered release) {
        return ((Map<String, Object>) object(release, "Deployment").get("spec")).get("replicas");
    }

    @SuppressWarnings("unchecked")
    private static Object greeting(ReleaseRendered release) {
        return ((Map<String, Object>) object(release, "ConfigMap").get("data")).get("GREETING");
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
