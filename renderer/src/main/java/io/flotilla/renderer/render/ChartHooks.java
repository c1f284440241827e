package io.flotilla.renderer.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.flotilla.renderer.chart.ChartCache;
import io.flotilla.renderer.chart.FileTrees;
import io.flotilla.renderer.digest.Digests;

/**
 * Helm's hooks, kept, whatever writes their annotations (the template itself, values, an {@code include}).
 * {@code helm template} through helm-java returns the release manifest, which leaves the hooks out (helm-java's
 * install prints the release's status, not its hooks), and Helm tells a hook by the {@value #HOOK} key of its rendered
 * annotations. So Helm renders a copy of the chart in which each
 * rendered template runs the original (kept as a partial, {@value #ORIGINAL}{@code <name>}) and writes
 * {@value #HIDDEN} wherever the original's output says {@value #HOOK}: Helm no longer sees hooks and keeps those
 * objects in the manifest, rendered exactly like the rest. Reading the manifest gives every string its text back
 * ({@link #read}), and then, as Helm decides it, an object whose annotations have {@value #HOOK} is a hook (one whose
 * phases Helm does not know is left out, as Helm leaves it out). A hook keeps exactly Helm's annotations, which is
 * what the applier reads to run it in order; test hooks are kept too. One difference is left: a template that another
 * includes by its path (for a checksum) gives it {@value #HIDDEN} where its text says {@value #HOOK}, so a checksum of
 * a hook's template differs from Helm's.
 *
 * <p>Helm also says which charts of the tree it rendered: a template of ours ({@value #CRDS_TEMPLATE}, in a chart
 * that has a {@code crds/} folder somewhere) walks {@code .Subcharts} and lists, for the chart and each subchart Helm
 * keeps (its {@code condition} and {@code tags} met, library charts included), the files of its {@code crds/} folder
 * that Helm loaded ({@code .helmignore} honoured); {@link ChartCrds} reads those.
 *
 * <p>A chart with a {@code NOTES.txt} gets a template of ours ({@value #NOTES_TEMPLATE}) that renders it as an object,
 * since {@code helm template} leaves the notes out and Helm's release record keeps them.
 *
 * <p>The copy also answers {@code lookup} offline, as {@code helm template} does ({@link OfflineLookup}), and
 * {@code .Capabilities.APIVersions} with the target cluster's ({@link ClusterApiVersions}): one copy per set of API
 * versions, kept in {@value #COPIES} next to the chart, where nothing takes it for the chart itself. Since a
 * template's error inside the wrapping {@code include} would lose its line, a failed render is told with Helm's
 * message for a plain copy ({@link #plain}: the same without wrapping).
 */
final class ChartHooks {

    static final String HOOK = "helm.sh/hook";
    /** The same shape (a prefixed annotation key), in a domain of ours that no chart uses. */
    static final String HIDDEN = "hook.flotilla.io/helm";
    /** What a rendered template of the chart is named as a partial of the copy. */
    static final String ORIGINAL = "_flotilla.io-template.";
    static final String CRDS_TEMPLATE = "flotilla.io-crds.yaml";
    static final String NOTES_TEMPLATE = "flotilla.io-notes.yaml";
    private static final String NOTES_FILE = "NOTES.txt";
    /** The object {@value #CRDS_TEMPLATE} renders. */
    static final String CRDS_API_VERSION = "render.flotilla.io/v1";
    private static final String COPIES = ".helm-ready";
    /**
     * Every rendered template of the copy: its original's output, hook annotation keys renamed. The original is
     * named from the chart's templates folder as Helm names it ({@code .Template.BasePath}: an aliased subchart's is
     * under its alias), so that a template another one includes by its path (a checksum of a ConfigMap) runs its own.
     */
    private static final String WRAPPER = "{{ include (print .Template.BasePath \"/%s\") . | replace \"" + HOOK
            + "\" \"" + HIDDEN + "\" }}";
    /** The chart and its subcharts Helm keeps, each with its key path from the top and its CRD files. */
    private static final String CRDS = """
            {{- define "flotilla.io/chart-crds" }}
            - path: {{ .path | toJson }}
              crds: [{{ range $file, $_ := .chart.Files.Glob "crds/**" }}{{ $file | toJson }}, {{ end }}]
            {{- range $key, $subchart := .chart.Subcharts }}
            {{- include "flotilla.io/chart-crds" (dict "path" (append $.path $key) "chart" $subchart) }}
            {{- end }}
            {{- end }}
            apiVersion: %s
            kind: ChartCrds
            charts:
            {{- include "flotilla.io/chart-crds" (dict "path" list "chart" $) }}
            """.formatted(CRDS_API_VERSION);
    /**
     * The chart's notes as Helm renders them for {@code helm install}, which {@code helm template} leaves out: the
     * top chart's {@code NOTES.txt} run with the release's values, its text as one string.
     */
    private static final String NOTES = """
            apiVersion: %s
            kind: ReleaseNotes
            text: {{ include (print .Template.BasePath "/%s") . | toJson }}
            """.formatted(CRDS_API_VERSION, NOTES_FILE);
    /** Helm's hook phases ({@code test-success} is Helm 2's name of {@code test}, which Helm 3 still reads). */
    private static final Set<String> PHASES = Set.of("pre-install", "post-install", "pre-delete", "post-delete",
            "pre-upgrade", "post-upgrade", "pre-rollback", "post-rollback", "test", "test-success");
    /** Enough of a digest to tell sets of API versions apart in a folder name. */
    private static final int VARIANT_LENGTH = 16;
    private static final int CHARTS_KEPT = 1024;
    /** Whether each chart folder (named by its digest, never changed) may write hooks: read once. */
    private static final Map<Path, Boolean> HOOK_WRITERS = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Boolean> eldest) {
            return size() > CHARTS_KEPT;
        }
    };

    private ChartHooks() {
    }

    /**
     * The copy of {@code chart} whose hooks Helm renders into the manifest, written once next to it.
     *
     * @param apiVersions the target cluster's, empty for Helm's defaults
     */
    static Path revealing(Path chart, List<String> apiVersions) throws IOException {
        return copy(chart, apiVersions, Variant.REVEALING);
    }

    /**
     * The copy of {@code chart} to render with these values: {@link #revealing} where a hook may come from the chart
     * or the values, otherwise one that only lists CRDs ({@link #mayWriteHooks}).
     *
     * @param values the values Helm is given, as written for it
     */
    static Path forValues(Path chart, List<String> apiVersions, byte[] values) throws IOException {
        boolean hooks = mayWriteHooks(chart) || new String(values, StandardCharsets.UTF_8).contains(HOOK);
        return hooks ? revealing(chart, apiVersions) : copy(chart, apiVersions, Variant.CRDS_LISTED);
    }

    /** The copy of {@code chart} Helm renders as it is, but for {@code lookup} and the API versions. */
    static Path plain(Path chart, List<String> apiVersions) throws IOException {
        return copy(chart, apiVersions, Variant.PLAIN);
    }

    /** Whether Helm reports a failure of this copy at the template's own line: every copy but a revealing one. */
    static boolean keepsLines(Path copy) {
        String name = copy.getParent().getFileName().toString();
        return name.endsWith(Variant.CRDS_LISTED.suffix) || name.endsWith(Variant.PLAIN.suffix);
    }

    private static Path copy(Path chart, List<String> apiVersions, Variant variant) throws IOException {
        String name = (apiVersions.isEmpty() ? "helm-defaults"
                : "api-versions-" + Digests.sha256(String.join(" ", apiVersions)).substring(0, VARIANT_LENGTH))
                + variant.suffix;
        Path copy = chart.resolveSibling(COPIES).resolve(name).resolve(chart.getFileName());
        if (Files.isDirectory(copy)) {
            return copy;
        }
        return write(chart, copy, apiVersions, variant);
    }

    /**
     * Whether a template of the chart may write {@value #HOOK}: some file of the tree (a template, a partial, its
     * values, a file a template reads) has the text, or a subchart is an archive, whose files are not read here. A
     * chart with none renders without wrapping, as fast as Helm renders the chart itself; the one case this misses is
     * a template that builds the key out of pieces ({@code printf "%s/hook" "helm.sh"}).
     */
    private static boolean mayWriteHooks(Path chart) throws IOException {
        synchronized (HOOK_WRITERS) {
            Boolean known = HOOK_WRITERS.get(chart);
            if (known != null) {
                return known;
            }
        }
        boolean writes;
        try (Stream<Path> files = Files.walk(chart)) {
            writes = files.filter(Files::isRegularFile).anyMatch(ChartHooks::mayHoldHook);
        }
        synchronized (HOOK_WRITERS) {
            HOOK_WRITERS.put(chart, writes);
        }
        return writes;
    }

    private static boolean mayHoldHook(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".tgz") || name.endsWith(".tar.gz")) {
            return true;
        }
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).contains(HOOK);
        } catch (IOException e) {
            return true;
        }
    }

    /** Renders running side by side may want the same new copy: one writes it, the others find it written. */
    private static synchronized Path write(Path chart, Path copy, List<String> apiVersions, Variant variant)
            throws IOException {
        if (Files.isDirectory(copy)) {
            return copy;
        }
        Path scratch = Files.createTempDirectory(Files.createDirectories(copy.getParent()), "scratch.");
        try {
            UnaryOperator<String> offline = text -> ClusterApiVersions.inlined(OfflineLookup.emptied(text),
                    apiVersions);
            copyChart(chart, scratch, offline, variant == Variant.REVEALING);
            if (variant != Variant.PLAIN && hasCrds(chart)) {
                Files.createDirectories(scratch.resolve("templates"));
                Files.writeString(scratch.resolve("templates").resolve(CRDS_TEMPLATE), CRDS, StandardCharsets.UTF_8);
            }
            if (variant != Variant.PLAIN && Files.isRegularFile(chart.resolve("templates").resolve(NOTES_FILE))) {
                Files.writeString(scratch.resolve("templates").resolve(NOTES_TEMPLATE), NOTES, StandardCharsets.UTF_8);
            }
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

    /** Whether a chart of the tree may have CRDs: a chart with none is not asked which charts Helm keeps. */
    private static boolean hasCrds(Path chart) throws IOException {
        try (Stream<Path> files = Files.walk(chart)) {
            return files.anyMatch(file -> file.getFileName().toString().equals("crds") && Files.isDirectory(file));
        }
    }

    /** One chart of the tree: its templates rewritten, its subcharts ({@code charts/<folder>/}) likewise. */
    private static void copyChart(Path chart, Path target, UnaryOperator<String> offline, boolean revealing)
            throws IOException {
        boolean library = "library".equals(ChartCache.metadata(chart).get("type"));
        Files.createDirectories(target);
        try (Stream<Path> children = Files.list(chart)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                Path destination = target.resolve(name);
                if (name.equals("templates") && Files.isDirectory(child)) {
                    copyTemplates(child, destination, offline, revealing && !library);
                } else if (name.equals("charts") && Files.isDirectory(child)) {
                    copySubcharts(child, destination, offline, revealing);
                } else if (Files.isDirectory(child)) {
                    FileTrees.copy(child, destination);
                } else {
                    Files.copy(child, destination);
                }
            }
        }
    }

    private static void copySubcharts(Path charts, Path target, UnaryOperator<String> offline, boolean revealing)
            throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> children = Files.list(charts)) {
            for (Path child : children.toList()) {
                Path destination = target.resolve(child.getFileName().toString());
                if (Files.isRegularFile(child.resolve("Chart.yaml"))) {
                    copyChart(child, destination, offline, revealing);
                } else if (Files.isDirectory(child)) {
                    FileTrees.copy(child, destination);
                } else {
                    Files.copy(child, destination);
                }
            }
        }
    }

    /**
     * A chart's templates, answering {@code lookup} and the API versions offline; with {@code wrapped}, each one
     * Helm renders (not a partial, not the notes) kept as a partial and run by {@link #WRAPPER} in its place.
     */
    private static void copyTemplates(Path templates, Path target, UnaryOperator<String> offline, boolean wrapped)
            throws IOException {
        try (Stream<Path> files = Files.walk(templates)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path destination = target.resolve(templates.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                    continue;
                }
                String text = offline.apply(Files.readString(file, StandardCharsets.UTF_8));
                String name = file.getFileName().toString();
                if (wrapped && !name.startsWith("_") && !name.endsWith("NOTES.txt")) {
                    Path original = templates.relativize(file).resolveSibling(ORIGINAL + name);
                    Files.writeString(target.resolve(original.toString()), text, StandardCharsets.UTF_8);
                    String originalName = original.toString().replace('\\', '/').replace("\"", "\\\"");
                    Files.writeString(destination, WRAPPER.formatted(originalName), StandardCharsets.UTF_8);
                } else {
                    Files.writeString(destination, text, StandardCharsets.UTF_8);
                }
            }
        }
    }

    /**
     * The objects Helm rendered from the revealing copy, with their own text: the release's objects, then its hooks
     * as {@code helm template} prints them; and the charts Helm kept with their CRD files.
     */
    @SuppressWarnings("unchecked")
    static Revealed read(List<Map<String, Object>> rendered, boolean hidden) {
        List<Map<String, Object>> release = new ArrayList<>();
        List<Map<String, Object>> hooks = new ArrayList<>();
        List<ChartCrds.KeptChart> crds = new ArrayList<>();
        String notes = null;
        for (Map<String, Object> renderedObject : rendered) {
            if (CRDS_API_VERSION.equals(renderedObject.get("apiVersion"))) {
                if ("ReleaseNotes".equals(renderedObject.get("kind"))) {
                    notes = String.valueOf(renderedObject.get("text"));
                } else {
                    crds.addAll(ChartCrds.KeptChart.listed(renderedObject.get("charts")));
                }
                continue;
            }
            Map<String, Object> object = hidden ? (Map<String, Object>) restored(renderedObject) : renderedObject;
            if (!(object.get("metadata") instanceof Map<?, ?> metadata)
                    || !(metadata.get("annotations") instanceof Map<?, ?> annotations)
                    || !annotations.containsKey(HOOK)) {
                release.add(object);
            } else if (knownPhases(String.valueOf(annotations.get(HOOK)))) {
                hooks.add(object);
            }
        }
        release.addAll(hooks);
        return new Revealed(release, crds, notes);
    }

    /** Whether Helm runs a hook of these phases: a hook with a phase Helm does not know is skipped whole. */
    private static boolean knownPhases(String phases) {
        for (String phase : phases.split(",", -1)) {
            if (!PHASES.contains(phase.strip().toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    /** The value with {@value #HOOK} back wherever the copy wrote {@value #HIDDEN}, in keys and strings alike. */
    private static Object restored(Object value) {
        if (value instanceof String text) {
            return text.contains(HIDDEN) ? text.replace(HIDDEN, HOOK) : text;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> restored = new LinkedHashMap<>();
            map.forEach((key, item) -> restored.put(restored(key), restored(item)));
            return restored;
        }
        if (value instanceof List<?> list) {
            List<Object> restored = new ArrayList<>(list.size());
            list.forEach(item -> restored.add(restored(item)));
            return restored;
        }
        return value;
    }

    /** The copies of a chart: each its own folder of {@value #COPIES}. */
    private enum Variant {
        /** Templates wrapped so that hooks stay in the manifest, CRDs listed. */
        REVEALING(""),
        /** Templates as they are, CRDs listed: for a chart and values that cannot write a hook. */
        CRDS_LISTED("-crds-listed"),
        /** Templates as they are: Helm's own message for a failed render. */
        PLAIN("-plain");

        private final String suffix;

        Variant(String suffix) {
            this.suffix = suffix;
        }
    }

    /**
     * @param objects the release's objects, then its hooks
     * @param crds    the charts of the tree Helm kept, with their CRD files
     * @param notes   the chart's notes as Helm rendered them; null for a chart without
     */
    record Revealed(List<Map<String, Object>> objects, List<ChartCrds.KeptChart> crds, String notes) {
    }
}
