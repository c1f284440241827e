package io.flotilla.renderer.render;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.flotilla.renderer.chart.FileTrees;
import io.flotilla.renderer.digest.Digests;

/**
 * Helm's hooks, kept. {@code helm template} through helm-java returns the release manifest, which leaves
 * the hooks out. So Helm renders a copy of the chart whose templates say {@value #HIDDEN} where a YAML key said
 * {@value #HOOK} (or {@code helm.sh/hook-weight}...): Helm no longer sees hooks and keeps those objects in the
 * manifest, rendered exactly like the rest; then the annotation keys are given back their own names. Only keys
 * are renamed, so the same text in a value stays as it is, and only an object with {@value #HOOK} itself is a hook,
 * as for Helm. A hook keeps exactly Helm's annotations
 * ({@code helm.sh/hook} is its phase, {@code helm.sh/hook-weight} its weight, {@code helm.sh/hook-delete-policy}),
 * which is what the applier reads to run it in order.
 *
 * <p>Only templates are rewritten (subcharts packaged as {@code .tgz} are unpacked when a chart is written out):
 * a hook whose annotation keys come from values stays invisible as it is to {@code helm template}'s manifest.
 * The same copy answers {@code lookup} offline, as {@code helm template} does ({@link OfflineLookup}), and
 * {@code .Capabilities.APIVersions} with the target cluster's ({@link ClusterApiVersions}): one copy per set of
 * API versions, kept in {@value #COPIES} next to the chart, where nothing takes it for the chart itself.
 */
final class ChartHooks {

    static final String HOOK = "helm.sh/hook";
    /** The same shape (a prefixed annotation key), in a domain of ours that no chart uses. */
    static final String HIDDEN = "hook.flotilla.io/helm";
    private static final String COPIES = ".helm-ready";
    /** {@value #HOOK} as a YAML key: at the start of a line (of a list item too), after an action, in a flow mapping. */
    private static final Pattern HOOK_KEY = Pattern.compile(
            "(^[ \\t]*(?:-[ \\t]+)?|[{,][ \\t]*|}}[ \\t]*)([\"']?)helm\\.sh/hook((?:-[a-z-]+)?\\2[ \\t]*:)",
            Pattern.MULTILINE);
    /** Enough of a digest to tell sets of API versions apart in a folder name. */
    private static final int VARIANT_LENGTH = 16;

    private ChartHooks() {
    }

    /**
     * The copy of {@code chart} whose hooks Helm renders into the manifest, written once next to it.
     *
     * @param apiVersions the target cluster's, empty for Helm's defaults
     */
    static Path revealing(Path chart, List<String> apiVersions) throws IOException {
        String variant = apiVersions.isEmpty() ? "helm-defaults"
                : "api-versions-" + Digests.sha256(String.join(" ", apiVersions)).substring(0, VARIANT_LENGTH);
        Path copy = chart.resolveSibling(COPIES).resolve(variant).resolve(chart.getFileName());
        if (Files.isDirectory(copy)) {
            return copy;
        }
        return write(chart, copy, apiVersions);
    }

    /** Renders running side by side may want the same new copy: one writes it, the others find it written. */
    private static synchronized Path write(Path chart, Path copy, List<String> apiVersions) throws IOException {
        if (Files.isDirectory(copy)) {
            return copy;
        }
        Path scratch = Files.createTempDirectory(Files.createDirectories(copy.getParent()), "scratch.");
        try {
            FileTrees.copy(chart, scratch, ChartHooks::inTemplates,
                    text -> ClusterApiVersions.inlined(OfflineLookup.emptied(hidden(text)), apiVersions));
            Files.move(scratch, copy, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // Written by another render meanwhile, from the same content.
            if (!Files.isDirectory(copy)) {
                throw e;
            }
        } finally {
            FileTrees.delete(scratch);
        }
        return copy;
    }

    /** The template with its hook annotation keys renamed, so that Helm renders the hooks into the manifest. */
    static String hidden(String template) {
        if (!template.contains(HOOK)) {
            return template;
        }
        return HOOK_KEY.matcher(template).replaceAll("$1$2" + Matcher.quoteReplacement(HIDDEN) + "$3");
    }

    /**
     * The objects Helm rendered from the revealing copy, hooks last as {@code helm template} prints them,
     * with Helm's own annotation keys.
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> restore(List<Map<String, Object>> rendered) {
        List<Map<String, Object>> release = new ArrayList<>();
        List<Map<String, Object>> hooks = new ArrayList<>();
        for (Map<String, Object> object : rendered) {
            if (object.get("metadata") instanceof Map<?, ?> metadata
                    && metadata.get("annotations") instanceof Map<?, ?> annotations
                    && annotations.keySet().stream().anyMatch(key -> String.valueOf(key).startsWith(HIDDEN))) {
                // Every renamed key gets its name back; only an object that has helm.sh/hook is a hook.
                Map<String, Object> restored = new LinkedHashMap<>();
                annotations.forEach((key, value) -> restored.put(restoredKey(String.valueOf(key)), value));
                ((Map<String, Object>) metadata).put("annotations", restored);
                (annotations.containsKey(HIDDEN) ? hooks : release).add(object);
            } else {
                release.add(object);
            }
        }
        release.addAll(hooks);
        return release;
    }

    private static String restoredKey(String key) {
        return key.startsWith(HIDDEN) ? HOOK + key.substring(HIDDEN.length()) : key;
    }

    private static boolean inTemplates(Path relative) {
        for (Path segment : relative) {
            if (segment.toString().equals("templates")) {
                return true;
            }
        }
        return false;
    }
}
