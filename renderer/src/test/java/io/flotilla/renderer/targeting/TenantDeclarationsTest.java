package io.flotilla.renderer.targeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flotilla.events.Tenant;

/** Tenants as the platform team declares them in the targeting file, and what the file refuses to let them do. */
class TenantDeclarationsTest {

    private static final String HEADER = "apiVersion: flotilla.io/v1\nkind: Targeting\ntenants:\n";

    @Test
    void readsEveryFieldOfATenant() throws Exception {
        TargetingFile file = TargetingFile.parse(HEADER + """
                  - name: team-a
                    paths: ["teams/a/**", "apps/a-*"]
                    namespaces: [team-a, "team-a-*"]
                    kinds: [Deployment, Certificate.cert-manager.io]
                    serviceAccount:
                      name: deployer
                      namespace: team-a-ci
                      clusters: {eu-1: {name: eu-deployer}}
                    quota: {pods: "20"}
                    limits: [{type: Container, default: {cpu: 500m}}]
                    networkPolicy: none
                """);

        TenantDeclaration tenant = file.tenants().get(0);
        assertThat(tenant.line()).isEqualTo(4);
        assertThat(tenant.owns("teams/a/web.yaml")).isTrue();
        assertThat(tenant.owns("apps/a-web")).isTrue();
        assertThat(tenant.owns("teams/b/web.yaml")).isFalse();
        assertThat(tenant.on("eu-2")).isEqualTo(new Tenant("team-a", List.of("team-a", "team-a-*"),
                List.of("Deployment", "Certificate.cert-manager.io"), "team-a-ci", "deployer"));
        assertThat(tenant.on("eu-1").user()).isEqualTo("system:serviceaccount:team-a-ci:eu-deployer");
        assertThat(tenant.quota()).isEqualTo(Map.of("pods", "20"));
        assertThat(tenant.limits()).containsExactly(Map.of("type", "Container", "default", Map.of("cpu", "500m")));
        assertThat(tenant.guarded()).isFalse();
        assertThat(tenant.namedNamespaces()).containsExactly("team-a");
    }

    @Test
    void theFirstTenantWhoseFoldersHoldADeclarationOwnsIt() throws Exception {
        Targeting targeting = new Targeting(TargetingFile.parse(HEADER + """
                  - {name: a, paths: ["teams/a/**"], namespaces: [a]}
                  - {name: b, paths: ["teams/**"], namespaces: [b]}
                """));

        assertThat(targeting.tenantOf("teams/a/web.yaml")).map(TenantDeclaration::name).contains("a");
        assertThat(targeting.tenantOf("teams/c/web.yaml")).map(TenantDeclaration::name).contains("b");
        assertThat(targeting.tenantOf("platform/ingress.yaml")).isEmpty();
    }

    @Test
    void aTenantMayNotOwnTheFileThatDeclaresTenants() {
        assertFails(HEADER + "  - {name: a, paths: [\"**\"], namespaces: [a]}\n",
                "flotilla.yaml: line 4: tenants[0].paths[0]: '**' takes in flotilla.yaml, which declares the"
                        + " tenants: a tenant may not own it; give the tenant's own folders, such as teams/a/**");
        assertFails(HEADER + "  - name: a\n    paths: [teams/a/**, \"*.yaml\"]\n    namespaces: [a]\n",
                "flotilla.yaml: line 5: tenants[0].paths[1]: '*.yaml' takes in flotilla.yaml, which declares the"
                        + " tenants: a tenant may not own it; give the tenant's own folders, such as teams/a/**");
    }

    @Test
    void refusesATenantThatWouldReachFurtherThanMeant() {
        assertFails(HEADER + "  - {name: a, paths: [teams/a/**]}\n",
                "flotilla.yaml: line 4: tenants[0].namespaces is required");
        assertFails(HEADER + "  - {name: a, paths: [teams/a/**], namespaces: []}\n",
                "flotilla.yaml: line 4: tenants[0].namespaces is empty: give at least one");
        assertFails(HEADER + "  - {name: a, paths: [teams/a/**], namespaces: [\"Team A\"]}\n",
                "flotilla.yaml: line 4: tenants[0].namespaces[0]: 'Team A' is not a namespace, or a glob of"
                        + " namespaces such as team-a-*");
        assertFails(HEADER + "  - {name: a, paths: [teams/a/**], namespaces: [\"a-*\"]}\n",
                "flotilla.yaml: line 4: tenants[0].serviceAccount.namespace is required: the first of the"
                        + " namespaces, 'a-*', is a glob, not a namespace");
        assertFails(HEADER + "  - {name: a, paths: [\"teams/{cluster}/**\"], namespaces: [a]}\n",
                "flotilla.yaml: line 4: tenants[0].paths[0]: 'teams/{cluster}/**': {cluster} chooses clusters,"
                        + " which a tenant's folders do not");
        assertFails(HEADER + "  - {name: a, paths: [a/**], namespaces: [a]}\n  - {name: a, paths: [b/**],"
                + " namespaces: [b]}\n", "flotilla.yaml: line 5: tenants[1].name: 'a' names another tenant already");
        assertFails(HEADER + "  - {name: a, paths: [a/**], namespaces: [a], kinds: [deployment]}\n",
                "flotilla.yaml: line 4: tenants[0].kinds[0]: 'deployment' is not a kind such as Deployment, or"
                        + " Kind.group such as Certificate.cert-manager.io");
        assertFails(HEADER + "  - {name: a, paths: [a/**], namespaces: [a], clusterRoles: [admin]}\n",
                "flotilla.yaml: line 4: tenants[0]: unknown field 'clusterRoles'; the fields are kinds, limits, name,"
                        + " namespaces, networkPolicy, paths, quota, serviceAccount");
    }

    private static void assertFails(String text, String message) {
        assertThatThrownBy(() -> TargetingFile.parse(text)).isInstanceOf(InvalidTargetingException.class)
                .hasMessage(message);
    }
}
