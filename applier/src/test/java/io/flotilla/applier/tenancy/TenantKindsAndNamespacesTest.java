package io.flotilla.applier.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.flotilla.events.Tenant;

/** How a tenant's kinds and namespaces are read: a kind in any group or in one, names and globs of namespaces. */
class TenantKindsAndNamespacesTest {

    private static final Tenant TENANT = new Tenant("team-a", List.of("team-a", "team-a-*", "q?"),
            List.of("Deployment", "Certificate.cert-manager.io", "ConfigMap"), "team-a", "deployer");

    @Test
    void aKindAloneIsAllowedInAnyGroupAndAKindWithAGroupInThatGroupOnly() {
        assertThat(TenantRules.allowsKind(TENANT, "apps/v1", "Deployment")).isTrue();
        assertThat(TenantRules.allowsKind(TENANT, "v1", "ConfigMap")).isTrue();
        assertThat(TenantRules.allowsKind(TENANT, "cert-manager.io/v1", "Certificate")).isTrue();
        assertThat(TenantRules.allowsKind(TENANT, "certificates.example.com/v1", "Certificate")).isFalse();
        assertThat(TenantRules.allowsKind(TENANT, "v1", "Secret")).isFalse();
    }

    @Test
    void namespacesAreNamesOrGlobs() {
        assertThat(TenantRules.allowsNamespace(TENANT, "team-a")).isTrue();
        assertThat(TenantRules.allowsNamespace(TENANT, "team-a-jobs")).isTrue();
        assertThat(TenantRules.allowsNamespace(TENANT, "qa")).isTrue();
        assertThat(TenantRules.allowsNamespace(TENANT, "qaa")).isFalse();
        assertThat(TenantRules.allowsNamespace(TENANT, "team-ab")).isFalse();
        assertThat(TenantRules.allowsNamespace(TENANT, "kube-system")).isFalse();
    }
}
