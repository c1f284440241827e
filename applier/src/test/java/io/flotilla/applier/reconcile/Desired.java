package io.flotilla.applier.reconcile;

import static io.flotilla.applier.Manifests.configMap;
import static io.flotilla.applier.Manifests.deployment;
import static io.flotilla.applier.Manifests.hook;
import static io.flotilla.applier.Manifests.job;

import java.util.List;
import java.util.Map;

import io.flotilla.applier.Renders;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;

/** Desired releases for the actions' tests: a chart with a ConfigMap and a Deployment, in apps/web on dev. */
final class Desired {

    static final ReleaseKey WEB = new ReleaseKey("dev", "apps", "web");
    static final ObjectRef CONFIG = new ObjectRef("v1", "ConfigMap", null, "web");
    static final ObjectRef WORKLOAD = new ObjectRef("apps/v1", "Deployment", null, "web");

    private Desired() {
    }

    static DesiredRelease web(String inputDigest) {
        return DesiredRelease.of(Renders.chart(WEB, inputDigest,
                List.of(configMap("web", null, Map.of("v", inputDigest)), deployment("web", 1))));
    }

    static DesiredRelease web(String inputDigest, ReleaseOptions options) {
        return DesiredRelease.of(Renders.with(Renders.chart(WEB, inputDigest,
                List.of(configMap("web", null, Map.of("v", inputDigest)), deployment("web", 1))), options));
    }

    /** The web release with a Helm test Job, and a {@code pre-delete} and a {@code post-delete} one. */
    static DesiredRelease webWithHooks(String inputDigest, ReleaseOptions options) {
        return DesiredRelease.of(Renders.with(Renders.chart(WEB, inputDigest, List.of(
                configMap("web", null, Map.of("v", inputDigest)), deployment("web", 1),
                hook(job("web-test"), "test", null, null),
                hook(job("web-farewell"), "pre-delete", null, null),
                hook(job("web-cleanup"), "post-delete", null, null))), options));
    }

    /** Retries as a Flux v2 HelmRelease gives them: an upgrade with retries remedies its last failure. */
    static ReleaseOptions retries(int install, int upgrade) {
        return ReleaseOptions.builder().installRetries(install).upgradeRetries(upgrade)
                .remediateLastFailure(upgrade > 0).build();
    }
}
