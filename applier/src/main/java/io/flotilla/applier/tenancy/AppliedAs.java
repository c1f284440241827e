package io.flotilla.applier.tenancy;

import io.flotilla.applier.release.DesiredRelease;

/**
 * Who a release is applied as on its cluster, as Flux v2's controllers decide it: the service account its
 * HelmRelease or Kustomization names ({@code spec.serviceAccountName}, in the declaration's namespace), else its
 * tenant's, else nobody in particular (Flotilla's own credentials on the cluster, for the platform team's releases).
 */
public final class AppliedAs {

    private AppliedAs() {
    }

    /** The Kubernetes user to impersonate, {@code system:serviceaccount:<namespace>:<name>}; null for none. */
    public static String user(DesiredRelease desired) {
        String named = desired.options().serviceAccount();
        if (named != null) {
            int slash = named.indexOf('/');
            return "system:serviceaccount:" + named.substring(0, slash) + ":" + named.substring(slash + 1);
        }
        return desired.tenant() == null ? null : desired.tenant().user();
    }
}
