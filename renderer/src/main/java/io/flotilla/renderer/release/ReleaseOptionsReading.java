package io.flotilla.renderer.release;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.flotilla.events.CrdPolicy;
import io.flotilla.events.DriftMode;
import io.flotilla.events.GoDuration;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ReleaseOptions.DriftIgnore;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.WireName;

/**
 * What a HelmRelease asks of the applier and the observer, read from either Flux format with Flux's defaults.
 * A value Flux would refuse (a timeout that is no duration, an unknown CRD policy) fails the release rather
 * than being guessed.
 */
final class ReleaseOptionsReading {

    /** Helm Operator retries a failed upgrade this many times when retry is on and no maximum is given. */
    private static final int FLUX_V1_DEFAULT_MAX_RETRIES = 5;

    private ReleaseOptionsReading() {
    }

    /** Set on a Flux v1 HelmRelease or a plain manifest: how often it is reconciled, as a Go duration. */
    static final String INTERVAL_ANNOTATION = "flotilla.io/reconcile-interval";
    /** Set on a Flux v1 HelmRelease or a plain manifest: {@code enabled}, {@code warn} or {@code disabled}. */
    static final String DRIFT_ANNOTATION = "flotilla.io/drift-detection";

    /**
     * Flux v2: {@code spec.timeout} and {@code spec.interval} (Go durations), {@code suspend}, {@code dependsOn},
     * remediation retries, {@code driftDetection}, {@code test.enable} and {@code maxHistory}. The CRD policies are
     * helm-controller's: {@code install.crds} at install ({@code Create} by default) and {@code upgrade.crds} at
     * every upgrade ({@code Skip} by default: the CRDs a chart installed are left as they are).
     */
    static ReleaseOptions fluxV2(Fields fields, String namespace) throws InvalidFieldException {
        CrdPolicy crds = field("spec.install.crds", fields, CrdPolicy.values(), CrdPolicy.CREATE);
        CrdPolicy upgradeCrds = field("spec.upgrade.crds", fields, CrdPolicy.values(), CrdPolicy.SKIP);
        DriftMode drift = field("spec.driftDetection.mode", fields, DriftMode.values(), null);
        int upgradeRetries = fields.integer("spec.upgrade.remediation.retries").orElse(0);
        return new ReleaseOptions(
                fields.has("spec.timeout") ? timeout(fields) : ReleaseOptions.DEFAULTS.timeoutSeconds(),
                fields.flag("spec.suspend"),
                dependsOn(fields, namespace),
                fields.integer("spec.install.remediation.retries").orElse(0),
                upgradeRetries,
                drift,
                driftIgnore(fields),
                crds,
                fields.flag("spec.test.enable"),
                fields.has("spec.interval") ? duration("spec.interval", fields.requiredText("spec.interval")) : 0,
                fields.integer("spec.maxHistory").orElse(ReleaseOptions.DEFAULT_MAX_HISTORY),
                upgradeCrds, true, true, List.of(),
                fields.has("spec.upgrade.remediation.remediateLastFailure")
                        ? fields.flag("spec.upgrade.remediation.remediateLastFailure") : upgradeRetries > 0,
                fields.flag("spec.test.ignoreFailures"), serviceAccount(fields, namespace), null);
    }

    /**
     * A Flux v2 Kustomization: {@code interval}, {@code timeout} (its interval when unset, as Flux), {@code suspend},
     * {@code dependsOn}, {@code prune}, {@code wait} (false unless set: only {@code healthChecks} are waited for).
     * It has no drift detection field: the fleet's default applies. {@code decryption.secretRef} names the Secret of
     * the age identities its SOPS-encrypted files are decrypted with, in its namespace.
     */
    static ReleaseOptions kustomization(Fields fields, String namespace, List<ObjectRef> healthChecks)
            throws InvalidFieldException {
        long interval = fields.has("spec.interval") ? duration("spec.interval", fields.requiredText("spec.interval"))
                : 0;
        long timeout = fields.has("spec.timeout") ? timeout(fields)
                : interval > 0 ? interval : ReleaseOptions.DEFAULTS.timeoutSeconds();
        return ReleaseOptions.builder().timeoutSeconds(timeout).suspend(fields.flag("spec.suspend"))
                .dependsOn(dependsOn(fields, namespace)).intervalSeconds(interval).prune(fields.flag("spec.prune"))
                .waitForAll(fields.flag("spec.wait")).healthChecks(healthChecks)
                .serviceAccount(serviceAccount(fields, namespace))
                .decryptionSecret(fields.text("spec.decryption.secretRef.name").map(name -> namespace + "/" + name)
                        .orElse(null)).build();
    }

    /**
     * Flux v2's {@code spec.serviceAccountName}: a service account in the declaration's own namespace, which
     * helm-controller and kustomize-controller impersonate; null when none is named.
     */
    private static String serviceAccount(Fields fields, String namespace) throws InvalidFieldException {
        return fields.has("spec.serviceAccountName")
                ? namespace + "/" + fields.requiredText("spec.serviceAccountName") : null;
    }

    /**
     * Flux v1 (Helm Operator): {@code spec.timeout} in seconds, {@code skipCRDs} (CRDs are created at install
     * unless skipped, and left alone on upgrade, as Helm 3 does), {@code rollback.retry} with
     * {@code rollback.maxRetries} as upgrade retries, and {@code test.enable}; it has no suspend, dependsOn
     * or drift detection of its own: its reconcile interval and drift detection mode come from Flotilla's
     * annotations ({@link #annotated}).
     */
    static ReleaseOptions fluxV1(Fields fields) throws InvalidFieldException {
        long timeout = fields.integer("spec.timeout").map(Integer::longValue)
                .orElse(ReleaseOptions.DEFAULTS.timeoutSeconds());
        int upgradeRetries = fields.flag("spec.rollback.enable") && fields.flag("spec.rollback.retry")
                ? fields.integer("spec.rollback.maxRetries").orElse(FLUX_V1_DEFAULT_MAX_RETRIES)
                : 0;
        CrdPolicy crds = fields.flag("spec.skipCRDs") ? CrdPolicy.SKIP : CrdPolicy.CREATE;
        // Helm 3, which Helm Operator runs, installs a chart's CRDs and leaves them alone on upgrade.
        ReleaseOptions options = new ReleaseOptions(timeout, false, List.of(), 0, upgradeRetries, null, List.of(),
                crds, fields.flag("spec.test.enable"), 0, ReleaseOptions.DEFAULT_MAX_HISTORY, CrdPolicy.SKIP, true,
                true, List.of(), fields.flag("spec.rollback.enable"), fields.flag("spec.test.ignoreFailures"),
                null, null);
        return annotated(options, annotations(fields.mapping("metadata").orElse(Map.of())));
    }

    /**
     * {@code options} with the reconcile interval and drift detection mode Flotilla's annotations set, for the
     * formats that have no field for them (Flux v1, plain manifests); what they do not set stays unset, and the
     * fleet's default applies.
     *
     * @param annotations the object's {@code metadata.annotations}
     */
    static ReleaseOptions annotated(ReleaseOptions options, Map<?, ?> annotations) throws InvalidFieldException {
        ReleaseOptions.Builder annotated = options.toBuilder();
        if (annotations.get(INTERVAL_ANNOTATION) != null) {
            annotated.intervalSeconds(duration("metadata.annotations." + INTERVAL_ANNOTATION,
                    String.valueOf(annotations.get(INTERVAL_ANNOTATION))));
        }
        if (annotations.get(DRIFT_ANNOTATION) != null) {
            String path = "metadata.annotations." + DRIFT_ANNOTATION;
            try {
                annotated.driftDetection(WireName.parse(DriftMode.values(),
                        String.valueOf(annotations.get(DRIFT_ANNOTATION)), path));
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException(e.getMessage());
            }
        }
        return annotated.build();
    }

    /** An object's {@code metadata.annotations}, empty when it has none. */
    static Map<?, ?> annotations(Map<?, ?> metadata) throws InvalidFieldException {
        Object annotations = metadata.get("annotations");
        if (annotations == null) {
            return Map.of();
        }
        if (!(annotations instanceof Map<?, ?> map)) {
            throw new InvalidFieldException("metadata.annotations must be a mapping");
        }
        return map;
    }

    /** A field of a typed vocabulary, its default where the release says nothing. */
    private static <E extends WireName> E field(String path, Fields fields, E[] values, E otherwise)
            throws InvalidFieldException {
        String text = fields.text(path).orElse(null);
        if (text == null) {
            return otherwise;
        }
        try {
            return WireName.parse(values, text, path);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(e.getMessage());
        }
    }

    private static long timeout(Fields fields) throws InvalidFieldException {
        return duration("spec.timeout", fields.requiredText("spec.timeout"));
    }

    private static long duration(String path, String text) throws InvalidFieldException {
        Long seconds = durationSeconds(text);
        if (seconds == null) {
            throw new InvalidFieldException(path + " '" + text + "' is not a duration such as 5m or 1h30m");
        }
        return seconds;
    }

    /** Whole seconds, rounded up so a short timeout never becomes none; null when the text is no duration. */
    static Long durationSeconds(String text) {
        try {
            Duration duration = GoDuration.parse(text);
            return duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<String> dependsOn(Fields fields, String namespace) throws InvalidFieldException {
        List<String> releases = new ArrayList<>();
        int index = 0;
        for (Object entry : fields.list("spec.dependsOn")) {
            String field = "spec.dependsOn[" + index++ + "]";
            if (!(entry instanceof Map<?, ?> reference) || !(reference.get("name") instanceof String name)
                    || name.isEmpty()) {
                throw new InvalidFieldException(field + ".name is required");
            }
            String dependencyNamespace = reference.get("namespace") instanceof String given && !given.isEmpty()
                    ? given
                    : namespace;
            releases.add(dependencyNamespace + "/" + name);
        }
        return releases;
    }

    private static List<DriftIgnore> driftIgnore(Fields fields) throws InvalidFieldException {
        List<DriftIgnore> rules = new ArrayList<>();
        int index = 0;
        for (Object entry : fields.list("spec.driftDetection.ignore")) {
            String field = "spec.driftDetection.ignore[" + index++ + "]";
            if (!(entry instanceof Map<?, ?> rule) || !(rule.get("paths") instanceof List<?> paths)
                    || paths.isEmpty()) {
                throw new InvalidFieldException(field + ".paths is required");
            }
            Map<?, ?> target = rule.get("target") instanceof Map<?, ?> given ? given : Map.of();
            rules.add(new DriftIgnore(paths.stream().map(String::valueOf).toList(), text(target, "kind"),
                    text(target, "name"), text(target, "namespace")));
        }
        return rules;
    }

    private static String text(Map<?, ?> map, String key) {
        return map.get(key) instanceof String value && !value.isEmpty() ? value : null;
    }
}
