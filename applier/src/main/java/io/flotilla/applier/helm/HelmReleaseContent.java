package io.flotilla.applier.helm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flotilla.applier.hook.HelmHooks;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.EventFormatException;
import io.flotilla.events.ObjectAction;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.ReleaseKey;

/**
 * What a Helm revision holds of a rendered release, as Helm keeps it: the {@code manifest} (the release's objects,
 * hooks left out) and the {@code hooks}, each with its phases, weight, delete policies and how its last run went. A
 * hand-run {@code helm rollback}, {@code helm upgrade} or {@code helm uninstall} works from these.
 * <p>
 * CustomResourceDefinitions are left out of the manifest: those of a chart's {@code crds/} folder are never in
 * Helm's, so that {@code helm uninstall} does not delete them and every custom resource with them, and the
 * rendering does not tell them from those of templates.
 *
 * @param manifest the objects as YAML documents, each after {@code ---}
 * @param hooks    Helm's hook records
 * @param config   the values the release was rendered with ({@code helm get values}); empty when the rendering does
 *                 not carry them (some came from a Secret)
 * @param chart    Helm's {@code chart} of the record (metadata, default values, templates); empty when the rendering
 *                 does not carry it
 * @param notes    the chart's notes as rendered ({@code helm status}); empty when none
 */
public record HelmReleaseContent(String manifest, List<Map<String, Object>> hooks, Map<String, Object> config,
        Map<String, Object> chart, String notes) {

    static final String SUCCEEDED = "Succeeded";
    static final String FAILED = "Failed";

    /**
     * The content of {@code desired}'s {@code objects} (as applied: Secret data opened); {@code results} (what applying
     * them did) say which hooks ran, at {@code at}, and how they went.
     */
    public static HelmReleaseContent of(DesiredRelease desired, List<Map<String, Object>> objects,
            List<ObjectResult> results, Instant at, KubernetesSerialization serialization) {
        StringBuilder manifest = new StringBuilder();
        List<Map<String, Object>> hooks = new ArrayList<>();
        for (Map<String, Object> rendered : objects) {
            GenericKubernetesResource object = serialization.convertValue(rendered, GenericKubernetesResource.class);
            String yaml = serialization.asYaml(rendered);
            yaml = yaml.startsWith("---") ? yaml : "---\n" + yaml;
            if (HelmHooks.isHook(object)) {
                hooks.add(hook(object, yaml, lastRun(rendered, desired.release(), results), at));
            } else if (!"CustomResourceDefinition".equals(object.getKind())) {
                manifest.append(yaml);
            }
        }
        return new HelmReleaseContent(manifest.toString(), hooks, desired.values(), chart(desired),
                desired.notes() == null ? "" : desired.notes());
    }

    /** The rendering's chart for the record; empty when it carries none or one that cannot be read. */
    private static Map<String, Object> chart(DesiredRelease desired) {
        if (desired.chart() == null) {
            return Map.of();
        }
        try {
            return desired.chart().chart();
        } catch (EventFormatException e) {
            return Map.of();
        }
    }

    private static Map<String, Object> hook(GenericKubernetesResource object, String yaml, Optional<String> lastRun,
            Instant at) {
        Map<String, Object> hook = new LinkedHashMap<>();
        hook.put("name", object.getMetadata().getName());
        hook.put("kind", object.getKind());
        hook.put("manifest", yaml);
        hook.put("events", HelmHooks.phases(object).stream().sorted().toList());
        Map<String, Object> run = new LinkedHashMap<>();
        // Helm writes a hook that never ran with empty times and phase.
        run.put("started_at", lastRun.isPresent() ? at.toString() : "");
        run.put("completed_at", lastRun.isPresent() ? at.toString() : "");
        run.put("phase", lastRun.orElse(""));
        hook.put("last_run", run);
        hook.put("weight", HelmHooks.weight(object));
        hook.put("delete_policies", HelmHooks.annotatedDeletePolicies(object).stream().sorted().toList());
        return hook;
    }

    /** {@code Succeeded} or {@code Failed} when the hook ran for this revision; empty when it did not. */
    private static Optional<String> lastRun(Map<String, Object> rendered, ReleaseKey release,
            List<ObjectResult> results) {
        return results.stream()
                .filter(result -> result.action() == ObjectAction.HOOK
                        && result.object().isRenderedAs(rendered, release.namespace()))
                .reduce((first, later) -> later)
                .map(result -> result.error() == null ? SUCCEEDED : FAILED);
    }
}
