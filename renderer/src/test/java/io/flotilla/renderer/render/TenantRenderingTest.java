package io.flotilla.renderer.render;

import static io.flotilla.testing.fixtures.HelmReleaseYaml.fleetSource;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV2;
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
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.Tenant;
import io.flotilla.renderer.ConfigRepository;
import io.flotilla.renderer.cluster.ClusterCapabilities;
import io.flotilla.renderer.targeting.TenantDeclaration;

/** Releases declared in a tenant's folders carry the tenant, as on each cluster; the platform team's carry none. */
class TenantRenderingTest {

    private static final String TENANTS = """
            apiVersion: flotilla.io/v1
            kind: Targeting
            tenants:
              - name: team-a
                paths: ["teams/a/**"]
                namespaces: [team-a, "team-a-*"]
                kinds: [Deployment, Service, ConfigMap]
                serviceAccount:
                  clusters: {eu-2: {name: deployer}}
            """;

    @TempDir
    Path temp;

    private final Fleet fleet = new Fleet(null);
    private ConfigRepository repo;
    private CommitRenderer renderer;

    @BeforeEach
    void setUp() {
        repo = ConfigRepository.in(temp.resolve("fleet")).chart("app", "charts/app").write("README.md", "fleet\n")
                .write("flux-system/fleet.yaml", fleetSource());
        renderer = new CommitRenderer(temp.resolve("work"), fleet::refs, CommitRenderer.DEFAULT_MAX_PAYLOAD_BYTES,
                new ClusterCapabilities(), 0, CommitRenderer.DEFAULT_CHART_CACHE_MAX_BYTES,
                CommitRenderer.DEFAULT_MAX_VALUES_BYTES, CommitRenderer.DEFAULT_RENDER_TIMEOUT);
        join("eu-1");
        join("eu-2");
    }

    @AfterEach
    void tearDown() {
        renderer.close();
        repo.close();
    }

    @Test
    void aReleaseInATenantsFolderCarriesTheTenantWithItsServiceAccountOnEachCluster() {
        repo.write("flotilla.yaml", TENANTS)
                .write("teams/a/web.yaml", fluxV2("team-a", "web", "charts/app", ""))
                .write("platform/ingress.yaml", fluxV2("ingress", "ingress", "charts/app", ""));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("a tenant and the platform"));

        assertThat(rendered).allSatisfy(release -> assertThat(release.error()).isNull());
        assertThat(rendered).filteredOn(release -> !release.release().name().startsWith("tenant-"))
                .extracting(ReleaseRendered::release, ReleaseRendered::tenant).containsExactlyInAnyOrder(
                tuple(new ReleaseKey("eu-1", "team-a", "web"), new Tenant("team-a",
                        List.of("team-a", "team-a-*"), List.of("Deployment", "Service", "ConfigMap"), "team-a",
                        "flotilla-tenant-team-a")),
                tuple(new ReleaseKey("eu-2", "team-a", "web"), new Tenant("team-a",
                        List.of("team-a", "team-a-*"), List.of("Deployment", "Service", "ConfigMap"), "team-a",
                        "deployer")),
                tuple(new ReleaseKey("eu-1", "ingress", "ingress"), null),
                tuple(new ReleaseKey("eu-2", "ingress", "ingress"), null));
    }

    @Test
    void aTenantGivenMoreIsRenderedAgainSoThatTheApplierJudgesTheSameObjectsAnew() {
        repo.write("flotilla.yaml", TENANTS).write("teams/a/web.yaml", fluxV2("team-a", "web", "charts/app", ""));
        renderer.render(repo.commit("a tenant"));

        repo.write("flotilla.yaml", TENANTS.replace("kinds: [Deployment, Service, ConfigMap]",
                "kinds: [Deployment, Service, ConfigMap, Job]"));
        List<ReleaseRendered> again = renderer.render(repo.commit("the tenant may run Jobs"));

        assertThat(again).filteredOn(release -> !release.release().name().startsWith("tenant-"))
                .extracting(release -> release.release().cluster(), release -> release.tenant().kinds())
                .containsExactlyInAnyOrder(tuple("eu-1", List.of("Deployment", "Service", "ConfigMap", "Job")),
                        tuple("eu-2", List.of("Deployment", "Service", "ConfigMap", "Job")));
    }

    @Test
    void aTenantWithoutKindsMayUseTheDefaultOnesAndAServiceAccountNamedForItInItsFirstNamespace() {
        repo.write("flotilla.yaml", TENANTS.replace("    kinds: [Deployment, Service, ConfigMap]\n", "")
                .replace("    serviceAccount:\n      clusters: {eu-2: {name: deployer}}\n", ""))
                .write("teams/a/web.yaml", fluxV2("team-a", "web", "charts/app", ""));

        ReleaseRendered web = renderer.render(repo.commit("defaults")).stream()
                .filter(release -> release.release().name().equals("web")).findFirst().orElseThrow();

        assertThat(web.tenant().kinds()).isEqualTo(TenantDeclaration.DEFAULT_KINDS);
        assertThat(web.tenant().user()).isEqualTo("system:serviceaccount:team-a:flotilla-tenant-team-a");
    }

    @Test
    void aHelmReleasesServiceAccountNameIsCarriedInItsOwnNamespace() {
        repo.write("platform/web.yaml", fluxV2("apps", "web", "charts/app", """
                targetNamespace: web
                serviceAccountName: deployer
                """));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("a service account"));

        assertThat(rendered).extracting(release -> release.options().serviceAccount())
                .containsOnly("apps/deployer");
    }

    @Test
    void eachNamespaceGivenToATenantGetsItsQuotaLimitsAndDefaultNetworkPolicyUntilTheTenantGoes() {
        repo.write("flotilla.yaml", TENANTS + """
                    quota: {pods: "20"}
                    limits: [{type: Container, default: {cpu: 500m}}]
                """);

        List<ReleaseRendered> rendered = renderer.render(repo.commit("a tenant with limits"));

        assertThat(rendered).extracting(ReleaseRendered::release, ReleaseRendered::sourceFile, ReleaseRendered::tenant)
                .containsExactlyInAnyOrder(
                        tuple(new ReleaseKey("eu-1", "team-a", "tenant-team-a"), "flotilla.yaml", null),
                        tuple(new ReleaseKey("eu-2", "team-a", "tenant-team-a"), "flotilla.yaml", null));
        List<Map<String, Object>> objects = rendered.get(0).objects().objects();
        assertThat(objects).extracting(object -> object.get("kind") + " " + object.get("metadata"))
                .containsExactly(
                        "Namespace {name=team-a, labels={flotilla.io/tenant=team-a},"
                                + " annotations={helm.sh/resource-policy=keep}}",
                        "ResourceQuota {name=tenant-quota, namespace=team-a}",
                        "LimitRange {name=tenant-limits, namespace=team-a}",
                        "NetworkPolicy {name=tenant-default, namespace=team-a}");
        assertThat(objects.get(1).get("spec")).isEqualTo(Map.of("hard", Map.of("pods", "20")));
        assertThat(objects.get(2).get("spec")).isEqualTo(Map.of("limits",
                List.of(Map.of("type", "Container", "default", Map.of("cpu", "500m")))));
        assertThat(objects.get(3).get("spec")).isEqualTo(Map.of("podSelector", Map.of(), "policyTypes",
                List.of("Ingress"), "ingress", List.of(Map.of("from", List.of(Map.of("podSelector", Map.of()))))));

        repo.write("flotilla.yaml", "apiVersion: flotilla.io/v1\nkind: Targeting\n");
        assertThat(renderer.render(repo.commit("the tenant goes"))).as("its limits are uninstalled")
                .extracting(ReleaseRendered::release, ReleaseRendered::removed).containsExactlyInAnyOrder(
                        tuple(new ReleaseKey("eu-1", "team-a", "tenant-team-a"), true),
                        tuple(new ReleaseKey("eu-2", "team-a", "tenant-team-a"), true));
    }

    private void join(String name) {
        fleet.register(new RegisteredCluster(name, Map.of(), "https://" + name + ".example.com:6443", "api",
                Instant.now(), null));
    }
}
