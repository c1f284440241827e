package io.flotilla.renderer.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.flotilla.renderer.chart.ChartCache;
import io.flotilla.renderer.release.InvalidYamlException;
import io.flotilla.renderer.release.YamlDocuments;

/**
 * The CustomResourceDefinitions of a chart's {@code crds/} folders, which Helm installs as they are, never templated,
 * before anything else: the chart's own, then those of each subchart Helm keeps for these values (one that its
 * {@code condition} or {@code tags} disable has none), library charts included, the files {@code .helmignore}
 * leaves out left out. {@code helm template} leaves them out unless asked, so Helm only says which charts and
 * files ({@link ChartHooks}) and they are read here.
 */
final class ChartCrds {

    private ChartCrds() {
    }

    /** The CRDs of the charts Helm kept, read from {@code chart}, the chart Helm rendered a copy of. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> of(Path chart, List<KeptChart> kept) throws RenderException, IOException {
        List<Map<String, Object>> crds = new ArrayList<>();
        Set<Path> read = new LinkedHashSet<>();
        for (KeptChart listed : kept) {
            Path folder = folder(chart, listed.path());
            if (!read.add(folder)) {
                // A subchart kept under two aliases has its CRDs installed once.
                continue;
            }
            for (String relative : listed.files()) {
                Path file = folder.resolve(relative).normalize();
                if (!file.startsWith(folder) || !manifest(relative) || !Files.isRegularFile(file)) {
                    continue;
                }
                String name = chart.getFileName() + "/" + chart.relativize(file).toString().replace('\\', '/');
                List<Object> documents;
                try {
                    documents = YamlDocuments.parse(Files.readString(file, StandardCharsets.UTF_8));
                } catch (InvalidYamlException e) {
                    throw new RenderException(name + ": " + e.getMessage(), e);
                }
                for (Object document : documents) {
                    if (!(document instanceof Map<?, ?> object) || !(object.get("kind") instanceof String)
                            || !(object.get("apiVersion") instanceof String)) {
                        throw new RenderException(name + ": a document that is not a Kubernetes object (no apiVersion"
                                + " or kind)");
                    }
                    crds.add((Map<String, Object>) object);
                }
            }
        }
        return crds;
    }

    /** Helm takes {@code crds/} files by these extensions only. */
    private static boolean manifest(String file) {
        return file.endsWith(".yaml") || file.endsWith(".yml") || file.endsWith(".json");
    }

    /**
     * The folder of the subchart Helm knows by {@code path} (from the top: each key a dependency's alias or name):
     * in each chart's {@code charts/}, the one whose {@code Chart.yaml} names the dependency.
     */
    private static Path folder(Path chart, List<String> path) throws IOException, RenderException {
        Path folder = chart;
        for (String key : path) {
            String name = dependencyName(folder, key);
            Path found = null;
            Path charts = folder.resolve("charts");
            if (Files.isDirectory(charts)) {
                try (Stream<Path> children = Files.list(charts)) {
                    for (Path child : children.sorted().toList()) {
                        if (name.equals(ChartCache.metadata(child).get("name"))) {
                            found = child;
                            break;
                        }
                    }
                }
            }
            if (found == null) {
                throw new RenderException(chart.getFileName() + ": Helm rendered the subchart '" + key
                        + "' but it is not in " + chart.relativize(charts));
            }
            folder = found;
        }
        return folder;
    }

    /** The chart name of the dependency Helm keys by {@code key}: its alias names it, else its name is the key. */
    private static String dependencyName(Path chart, String key) throws IOException {
        if (ChartCache.metadata(chart).get("dependencies") instanceof List<?> dependencies) {
            for (Object dependency : dependencies) {
                if (dependency instanceof Map<?, ?> fields && key.equals(fields.get("alias"))
                        && fields.get("name") instanceof String name) {
                    return name;
                }
            }
        }
        return key;
    }

    /**
     * A chart Helm kept and the files of its {@code crds/} folder Helm loaded.
     *
     * @param path  the keys of the subcharts from the top chart to this one; empty for the top chart
     * @param files relative to the chart
     */
    record KeptChart(List<String> path, List<String> files) {

        KeptChart {
            path = List.copyOf(path);
            files = List.copyOf(files);
        }

        /** What {@link ChartHooks#CRDS_TEMPLATE} rendered. */
        static List<KeptChart> listed(Object charts) {
            List<KeptChart> listed = new ArrayList<>();
            if (charts instanceof List<?> entries) {
                for (Object entry : entries) {
                    if (entry instanceof Map<?, ?> fields) {
                        listed.add(new KeptChart(strings(fields.get("path")), strings(fields.get("crds"))));
                    }
                }
            }
            return listed;
        }

        private static List<String> strings(Object value) {
            return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
        }
    }
}
