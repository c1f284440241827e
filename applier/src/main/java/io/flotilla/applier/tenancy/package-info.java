/**
 * Tenants that cannot hurt each other: what a tenant's rendering may apply ({@link
 * io.flotilla.applier.tenancy.TenantRules}, checked before anything of it reaches the cluster) and who a release is
 * applied as ({@link io.flotilla.applier.tenancy.AppliedAs}: the tenant's service account, or the one a HelmRelease
 * names, impersonated so that the cluster's own RBAC holds too).
 */
package io.flotilla.applier.tenancy;
