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
 * @param driftDetection     {@code spec.driftDetection.mode}
 * @param driftIgnore        fields that may differ without being drift ({@code spec.driftDetection.ignore})
 * @param crds               the CRD policy ({@code spec.install.crds})
 * @param test               whether Helm tests run after install and upgrade ({@code spec.test.enable})
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
        boolean test) {

    public static final ReleaseOptions DEFAULTS = new ReleaseOptions(300, false, List.of(), 0, 0, DriftMode.DISABLED,
            List.of(), CrdPolicy.CREATE, false);

    public ReleaseOptions {
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        driftIgnore = driftIgnore == null ? List.of() : List.copyOf(driftIgnore);
        driftDetection = driftDetection == null ? DriftMode.DISABLED : driftDetection;
        crds = crds == null ? CrdPolicy.CREATE : crds;
    }

    /**
     * JSON pointer paths to ignore, for the objects the target selects (any field left null matches all).
     */
    public record DriftIgnore(List<String> paths, String kind, String name, String namespace) {
        public DriftIgnore {
            paths = paths == null ? List.of() : List.copyOf(paths);
        }
    }
}
