package io.flotilla.applier.tenancy;

import static io.flotilla.applier.Manifests.clusterRole;
import static io.flotilla.applier.Manifests.configMap;
import static io.flotilla.applier.Manifests.deployment;
import static io.flotilla.applier.Manifests.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.applier.OneSimulatedCluster;
import io.flotilla.applier.Renders;
import io.flotilla.applier.apply.ApplyReport;
import io.flotilla.applier.apply.ReleaseDiff;
import io.flotilla.applier.hook.HookPhase;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.Tenant;

/**
 * A tenant's releases on a simulated cluster: within its rules they are applied as its service account, so the
 * cluster's RBAC holds too; beyond them (a cluster-scoped kind, a kind or a namespace not given) they are Failed with
 * the rule, the file and the object, and nothing of them is applied. A HelmRelease's {@code serviceAccountName} is
 * honoured the same way for any release.
 */
class TenantReleasesTest {

    private static final Tenant TEAM_A = new Tenant("team-a", List.of("team-a", "team-a-*"),
            List.of("Deployment", "ConfigMap", "Secret"), "team-a", "flotilla-tenant-team-a");
    private static final String TENANT_USER = "system:serviceaccount:team-a:flotilla-tenant-team-a";

    @TempDir
    static Path dir;

    private static OneSimulatedCluster simulated;
    private static KubernetesClient admin;

    @BeforeAll
    static void startTheClusterWithTheTenantsNamespacesAndRbac() {
        simulated = OneSimulatedCluster.start(dir, OneSimulatedCluster.NOTHING_REMEMBERED);
        admin = simulated.client();
        for (String namespace : List.of("team-a", "team-a-jobs", "team-b")) {
            admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                    .build()).create();
        }
        admin.serviceAccounts().inNamespace("team-a").resource(new ServiceAccountBuilder().withNewMetadata()
                .withName("flotilla-tenant-team-a").endMetadata().build()).create();
        // The platform team lets the tenant's account manage workloads and ConfigMaps, not Secrets.
        admin.rbac().roles().inNamespace("team-a").resource(new RoleBuilder().withNewMetadata().withName("deployer")
                .endMetadata().withRules(
                        new PolicyRuleBuilder().withApiGroups("apps").withResources("deployments")
                                .withVerbs("get", "list", "watch", "create", "patch", "update", "delete").build(),
                        new PolicyRuleBuilder().withApiGroups("").withResources("configmaps")
                                .withVerbs("get", "list", "watch", "create", "patch", "update", "delete").build())
                .build()).create();
        admin.rbac().roleBindings().inNamespace("team-a").resource(new RoleBindingBuilder().withNewMetadata()
                .withName("tenant").endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
                .withKind("Role").withName("deployer").endRoleRef().addNewSubject().withKind("ServiceAccount")
                .withName("flotilla-tenant-team-a").withNamespace("team-a").endSubject().build()).create();
    }

    @AfterAll
    static void stop() {
        simulated.close();
    }

    @Test
    void aTenantReleaseWithinItsRulesIsAppliedAsItsServiceAccount() {
        ApplyReport report = install(tenantRelease("web", "web-1",
                List.of(configMap("settings", null, Map.of("color", "blue")), deployment("web", 1))));

        assertThat(report.outcome()).as(String.valueOf(report.error())).isEqualTo(Outcome.Ready);
        assertThat(admin.configMaps().inNamespace("team-a").withName("settings").get().getData())
                .containsEntry("color", "blue");
        assertThat(admin.apps().deployments().inNamespace("team-a").withName("web").get()).isNotNull();
    }

    @Test
    void aTenantsFolderOfPlainManifestsIsAppliedIntoItsNamespacesThoughTheFolderIsNamedInDefault() {
        ReleaseRendered folder = Renders.manifests(new ReleaseKey("dev", "default", "teams-a-web"), "folder-1",
                List.of(configMap("folder-settings", "team-a", Map.of("color", "green")))).toBuilder().tenant(TEAM_A)
                .build();
        ReleaseRendered noNamespace = Renders.manifests(new ReleaseKey("dev", "default", "teams-a-loose"), "loose-1",
                List.of(configMap("loose-settings", null, Map.of()))).toBuilder().tenant(TEAM_A).build();

        assertThat(install(folder).outcome()).isEqualTo(Outcome.Ready);
        assertThat(admin.configMaps().inNamespace("team-a").withName("folder-settings").get().getData())
                .containsEntry("color", "green");
        ApplyReport loose = install(noNamespace);
        assertThat(loose.outcome()).isEqualTo(Outcome.Failed);
        assertThat(loose.error()).contains("rule namespace: namespace 'default' is not among tenant 'team-a''s");
    }

    @Test
    void aKindTheTenantMayUseButTheClustersRbacDoesNotAllowFailsWithTheApiServersReasonAndAppliesNothing() {
        ApplyReport report = install(tenantRelease("vault", "vault-1", List.of(configMap("vault-settings", null,
                Map.of()), object("v1", "Secret", "vault-token", null))));

        assertThat(report.outcome()).isEqualTo(Outcome.Failed);
        assertThat(report.error()).isEqualTo("the API server refused 1 of 2 objects in a dry run; nothing was"
                + " applied: Secret team-a/vault-token: secrets \"vault-token\" is forbidden: User \"" + TENANT_USER
                + "\" cannot patch resource \"secrets\" in API group \"\" in the namespace \"team-a\"");
        assertThat(admin.configMaps().inNamespace("team-a").withName("vault-settings").get()).isNull();
    }

    @Test
    void aClusterScopedKindFromATenantsFolderFailsTheReleaseAndNothingOfItIsApplied() {
        ApplyReport report = install(tenantRelease("escalate", "escalate-1",
                List.of(configMap("escalate-settings", null, Map.of()), clusterRole("everything"))));

        assertThat(report.outcome()).isEqualTo(Outcome.Failed);
        assertThat(report.error()).isEqualTo("tenant 'team-a': 1 of 2 objects break its rules; nothing was applied:"
                + " ClusterRole everything: releases/dev/escalate.yaml (rendered object #2): rule cluster-scoped:"
                + " ClusterRole is cluster-scoped; tenant 'team-a' may declare namespaced objects only");
        assertThat(admin.configMaps().inNamespace("team-a").withName("escalate-settings").get()).isNull();
        assertThat(admin.rbac().clusterRoles().withName("everything").get()).isNull();
    }

    @Test
    void anObjectInANamespaceNotGivenToTheTenantFailsTheRelease() {
        ApplyReport report = install(tenantRelease("reach", "reach-1", List.of(configMap("mine", null, Map.of()),
                configMap("jobs", "team-a-jobs", Map.of()), configMap("theirs", "team-b", Map.of()))));

        assertThat(report.outcome()).isEqualTo(Outcome.Failed);
        assertThat(report.error()).isEqualTo("tenant 'team-a': 1 of 3 objects break its rules; nothing was applied:"
                + " ConfigMap team-b/theirs: releases/dev/reach.yaml (rendered object #3): rule namespace: namespace"
                + " 'team-b' is not among tenant 'team-a''s (team-a, team-a-*)");
        assertThat(admin.configMaps().inNamespace("team-a").withName("mine").get()).isNull();
        assertThat(admin.configMaps().inNamespace("team-b").withName("theirs").get()).isNull();
    }

    @Test
    void theDiffOfAReleaseBeyondItsTenantsRulesShowsTheRulesBrokenNotChangesThatWouldNeverBeApplied() {
        ReleaseDiff diff = simulated.apply().diff(DesiredRelease.of(tenantRelease("reach-diff", "reach-diff-1",
                List.of(configMap("mine-diff", null, Map.of()), configMap("theirs-diff", "team-b", Map.of())))),
                List.of());

        assertThat(diff.objects()).singleElement().satisfies(refused -> {
            assertThat(refused.change()).isEqualTo(ReleaseDiff.Change.REFUSED);
            assertThat(refused.object().name()).isEqualTo("theirs-diff");
            assertThat(refused.reason()).isEqualTo("releases/dev/reach-diff.yaml (rendered object #2): rule namespace:"
                    + " namespace 'team-b' is not among tenant 'team-a''s (team-a, team-a-*)");
        });
        assertThat(diff.changes()).isTrue();
    }

    @Test
    void aReleaseWhoseOwnNamespaceIsNotTheTenantsFailsToo() {
        ApplyReport report = install(Renders.chart(new ReleaseKey("dev", "kube-system", "sneaky"), "sneaky-1",
                List.of(configMap("sneaky", null, Map.of()))).toBuilder().tenant(TEAM_A).build());

        assertThat(report.outcome()).isEqualTo(Outcome.Failed);
        assertThat(report.error()).startsWith("tenant 'team-a': the release and 1 of 1 objects break its rules;"
                + " nothing was applied: ")
                .contains("Namespace kube-system: releases/dev/sneaky.yaml: rule namespace: the"
                + " release's namespace 'kube-system' is not among tenant 'team-a''s (team-a, team-a-*)")
                .contains("ConfigMap sneaky: releases/dev/sneaky.yaml (rendered object #1): rule namespace:"
                        + " namespace 'kube-system' is not among tenant 'team-a''s");
        assertThat(admin.configMaps().inNamespace("kube-system").withName("sneaky").get()).isNull();
    }

    @Test
    void aKindNotAmongTheTenantsFailsTheRelease() {
        ApplyReport report = install(tenantRelease("open", "open-1", List.of(object("networking.k8s.io/v1",
                "NetworkPolicy", "allow-everything", null))));

        assertThat(report.outcome()).isEqualTo(Outcome.Failed);
        assertThat(report.error()).isEqualTo("tenant 'team-a': 1 of 1 objects break its rules; nothing was applied:"
                + " NetworkPolicy allow-everything: releases/dev/open.yaml (rendered object #1): rule kind:"
                + " NetworkPolicy (networking.k8s.io/v1) is not among the kinds tenant 'team-a' may use (Deployment,"
                + " ConfigMap, Secret)");
    }

    @Test
    void aTenantTryingToDeclareTenantsInItsFolderIsRefused() {
        Map<String, Object> targeting = object("flotilla.io/v1", "Targeting", "mine", null);
        targeting.put("tenants", List.of(Map.of("name", "team-a", "paths", List.of("**"),
                "namespaces", List.of("*"))));

        ApplyReport report = install(tenantRelease("takeover", "takeover-1", List.of(targeting)));

        assertThat(report.outcome()).isEqualTo(Outcome.Failed);
        assertThat(report.error()).contains("rule kind: Targeting (flotilla.io/v1) is not among the kinds tenant"
                + " 'team-a' may use");
    }

    @Test
    void aHelmReleasesServiceAccountNameIsWhoItIsAppliedAsWhateverItsTenant() {
        ReleaseOptions asDeployer = ReleaseOptions.builder().serviceAccount("team-b/deployer").build();

        ApplyReport report = install(Renders.chart(new ReleaseKey("dev", "team-b", "platform-web"), "pw-1",
                List.of(configMap("platform-web", null, Map.of()))).toBuilder().options(asDeployer).build());

        assertThat(report.outcome()).isEqualTo(Outcome.Failed);
        assertThat(report.error()).isEqualTo("the API server refused 1 of 1 objects in a dry run; nothing was"
                + " applied: ConfigMap team-b/platform-web: configmaps \"platform-web\" is forbidden: User"
                + " \"system:serviceaccount:team-b:deployer\" cannot patch resource \"configmaps\" in API group \"\""
                + " in the namespace \"team-b\"");
    }

    @Test
    void driftIsCorrectedAsTheTenantsServiceAccountToo() {
        ReleaseRendered taken = tenantRelease("drifting", "drifting-1", List.of(configMap("drifting", null,
                Map.of())));

        ApplyReport restored = simulated.apply().apply(DesiredRelease.restoring(taken.release(),
                List.of(object("v1", "Secret", "drifting", "team-a")), DesiredRelease.of(taken)), List.of(),
                HookPhase.INSTALL);

        assertThat(restored.outcome()).isEqualTo(Outcome.Failed);
        assertThat(restored.error()).contains("secrets \"drifting\" is forbidden: User \"" + TENANT_USER + "\"");
    }

    private static ReleaseRendered tenantRelease(String name, String digest,
            List<Map<String, Object>> objects) {
        return Renders.chart(new ReleaseKey("dev", "team-a", name), digest, objects).toBuilder().tenant(TEAM_A)
                .build();
    }

    private static ApplyReport install(ReleaseRendered rendered) {
        return simulated.apply().apply(DesiredRelease.of(rendered), List.of(), HookPhase.INSTALL);
    }
}
