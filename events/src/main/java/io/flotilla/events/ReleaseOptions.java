package io.flotilla.events;

import java.util.List;

/**
 * What a HelmRelease asks of the applier and the observer beyond its objects, with Flux's defaults where
 * the release says nothing.
 *
 * @param timeoutSeconds     how long to wait for the release's workloads to become healthy ({@code spec.timeout}, 5m)
 * @param suspend            nothing is applied while true ({@code spec.suspend})
 * @param dependsOn          releases on the same cluster that must be Ready first, as {@code namespace/name}
 * @param installRetries     {@code spec.install.remediation.retries}
 * @param upgradeRetries     {@code spec.upgrade.remediation.retries}
 * @param driftDetection     {@code spec.driftDetection.mode}; null when the release does not say, and then the fleet's
 *                           default applies (drift is reported for every release unless it says {@code disabled})
 * @param driftIgnore        fields that may differ without being drift ({@code spec.driftDetection.ignore})
 * @param crds               the CRD policy at install ({@code spec.install.crds}, Create)
 * @param upgradeCrds        the CRD policy at upgrade ({@code spec.upgrade.crds}, Skip as with Flux: a chart's CRDs
 *                           are created at install and left as they are by upgrades unless the release says otherwise)
 * @param test               whether Helm tests run after install and upgrade ({@code spec.test.enable})
 * @param intervalSeconds    how often the release is reconciled even when nothing changed ({@code spec.interval});
 *                           0 when the release does not say, and then the fleet's default applies
 * @param maxHistory         how many revisions are kept ({@code spec.maxHistory}, 10); 0 keeps them all
 * @param prune              objects no longer rendered are deleted ({@code spec.prune} of a Kustomization; always true
 *                           for a HelmRelease, whose objects Helm prunes)
 * @param waitForAll         every object applied must be healthy before the release is Ready (a HelmRelease, or a
 *                           Kustomization's {@code spec.wait}); when false only {@code healthChecks} are waited for
 * @param healthChecks       objects to wait for besides the release's own ({@code spec.healthChecks} of a
 *                           Kustomization), each named by kind, namespace and name
 * @param remediateLastFailure a failed upgrade is rolled back once its retries are spent (Flux v2
 *                           {@code spec.upgrade.remediation.remediateLastFailure}, true by default when it has retries;
 *                           Flux v1 {@code rollback.enable})
 * @param testIgnoreFailures a failed Helm test does not fail the release ({@code spec.test.ignoreFailures})
 * @param serviceAccount     the service account the release is applied as, {@code namespace/name}: a Flux v2
 *                           HelmRelease's or Kustomization's {@code spec.serviceAccountName}, in the namespace of the
 *                           declaration; null when it names none (the applier's own credentials, unless a tenant's)
 * @param decryptionSecret   the Secret whose {@code *.agekey} entries hold the age identities that decrypt the
 *                           release's SOPS-encrypted files, {@code namespace/name}, read on the release's cluster at
 *                           apply time (a Kustomization's {@code spec.decryption.secretRef}, in its namespace); null
 *                           when it names none (Flotilla's own identities, {@code flotilla.sops.*}, still apply)
 */
public record ReleaseOptions(
        long timeoutSeconds,
        boolean suspend,
        List<String> dependsOn,
        int installRetries,
        int upgradeRetries,
        DriftMode driftDetection,
        List<DriftIgnore> driftIgnore,
        CrdPolicy crds,
        boolean test,
        long intervalSeconds,
        int maxHistory,
        CrdPolicy upgradeCrds,
        boolean prune,
        boolean waitForAll,
        List<ObjectRef> healthChecks,
        boolean remediateLastFailure,
        boolean testIgnoreFailures,
        String serviceAccount,
        String decryptionSecret) {

    /** Revisions kept when a release does not say ({@code spec.maxHistory}). */
    public static final int DEFAULT_MAX_HISTORY = 10;

    public static final ReleaseOptions DEFAULTS = new ReleaseOptions(300, false, List.of(), 0, 0, null, List.of(),
            CrdPolicy.CREATE, false, 0, DEFAULT_MAX_HISTORY, CrdPolicy.SKIP, true, true, List.of(), false, false, null,
            null);

    public ReleaseOptions {
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        driftIgnore = driftIgnore == null ? List.of() : List.copyOf(driftIgnore);
        crds = crds == null ? CrdPolicy.CREATE : crds;
        upgradeCrds = upgradeCrds == null ? CrdPolicy.SKIP : upgradeCrds;
        healthChecks = healthChecks == null ? List.of() : List.copyOf(healthChecks);
    }

    /** Flux's defaults ({@link #DEFAULTS}); set what the release says. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    public Builder toBuilder() {
        return new Builder().timeoutSeconds(timeoutSeconds).suspend(suspend).dependsOn(dependsOn)
                .installRetries(installRetries).upgradeRetries(upgradeRetries).driftDetection(driftDetection)
                .driftIgnore(driftIgnore).crds(crds).test(test).intervalSeconds(intervalSeconds).maxHistory(maxHistory)
                .upgradeCrds(upgradeCrds).prune(prune).waitForAll(waitForAll).healthChecks(healthChecks)
                .remediateLastFailure(remediateLastFailure).testIgnoreFailures(testIgnoreFailures)
                .serviceAccount(serviceAccount).decryptionSecret(decryptionSecret);
    }

    /**
     * JSON pointer paths to ignore, for the objects the target selects (any field left null matches all).
     */
    public record DriftIgnore(List<String> paths, String kind, String name, String namespace) {
        public DriftIgnore {
            paths = paths == null ? List.of() : List.copyOf(paths);
        }
    }

    /** Builds {@link ReleaseOptions} by name, starting from Flux's defaults. */
    public static final class Builder {
        private long timeoutSeconds;
        private boolean suspend;
        private List<String> dependsOn;
        private int installRetries;
        private int upgradeRetries;
        private DriftMode driftDetection;
        private List<DriftIgnore> driftIgnore;
        private CrdPolicy crds;
        private boolean test;
        private long intervalSeconds;
        private int maxHistory;
        private CrdPolicy upgradeCrds;
        private boolean prune;
        private boolean waitForAll;
        private List<ObjectRef> healthChecks;
        private boolean remediateLastFailure;
        private boolean testIgnoreFailures;
        private String serviceAccount;
        private String decryptionSecret;

        private Builder() {
        }

        public Builder timeoutSeconds(long timeoutSeconds) {
            this.timeoutSeconds = timeoutSeconds;
            return this;
        }

        public Builder suspend(boolean suspend) {
            this.suspend = suspend;
            return this;
        }

        public Builder dependsOn(List<String> dependsOn) {
            this.dependsOn = dependsOn;
            return this;
        }

        public Builder installRetries(int installRetries) {
            this.installRetries = installRetries;
            return this;
        }

        public Builder upgradeRetries(int upgradeRetries) {
            this.upgradeRetries = upgradeRetries;
            return this;
        }

        public Builder driftDetection(DriftMode driftDetection) {
            this.driftDetection = driftDetection;
            return this;
        }

        public Builder driftIgnore(List<DriftIgnore> driftIgnore) {
            this.driftIgnore = driftIgnore;
            return this;
        }

        public Builder crds(CrdPolicy crds) {
            this.crds = crds;
            return this;
        }

        public Builder test(boolean test) {
            this.test = test;
            return this;
        }

        public Builder intervalSeconds(long intervalSeconds) {
            this.intervalSeconds = intervalSeconds;
            return this;
        }

        public Builder maxHistory(int maxHistory) {
            this.maxHistory = maxHistory;
            return this;
        }

        public Builder upgradeCrds(CrdPolicy upgradeCrds) {
            this.upgradeCrds = upgradeCrds;
            return this;
        }

        public Builder prune(boolean prune) {
            this.prune = prune;
            return this;
        }

        public Builder waitForAll(boolean waitForAll) {
            this.waitForAll = waitForAll;
            return this;
        }

        public Builder healthChecks(List<ObjectRef> healthChecks) {
            this.healthChecks = healthChecks;
            return this;
        }

        public Builder remediateLastFailure(boolean remediateLastFailure) {
            this.remediateLastFailure = remediateLastFailure;
            return this;
        }

        public Builder testIgnoreFailures(boolean testIgnoreFailures) {
            this.testIgnoreFailures = testIgnoreFailures;
            return this;
        }

        /** {@code namespace/name}, or null for none. */
        public Builder serviceAccount(String serviceAccount) {
            this.serviceAccount = serviceAccount;
            return this;
        }

        /** {@code namespace/name}, or null for none. */
        public Builder decryptionSecret(String decryptionSecret) {
            this.decryptionSecret = decryptionSecret;
            return this;
        }

        public ReleaseOptions build() {
            return new ReleaseOptions(timeoutSeconds, suspend, dependsOn, installRetries, upgradeRetries,
                    driftDetection, driftIgnore, crds, test, intervalSeconds, maxHistory, upgradeCrds, prune,
                    waitForAll, healthChecks, remediateLastFailure, testIgnoreFailures, serviceAccount,
                    decryptionSecret);
        }
    }
}
