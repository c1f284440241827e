package io.flotilla.renderer.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.flotilla.renderer.release.InvalidYamlException;
import io.flotilla.renderer.release.YamlDocuments;

/**
 * The CustomResourceDefinitions of a chart's {@code crds/} folders (its own, then its unpacked subcharts'),
 * which Helm installs as they are, never templated, before anything else. {@code helm template} leaves them
 * out unless asked, so they are read here.
 */
final class ChartCrds {

    private ChartCrds() {
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> of(Path chart) throws RenderException, IOException {
        List<Map<String, Object>> crds = new ArrayList<>();
        for (Path file : files(chart)) {
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
        return crds;
    }

    private static List<Path> files(Path chart) throws IOException {
        List<Path> files = new ArrayList<>(crdFiles(chart.resolve("crds")));
        Path subcharts = chart.resolve("charts");
        if (Files.isDirectory(subcharts)) {
            try (Stream<Path> children = Files.list(subcharts)) {
                for (Path subchart : children.filter(Files::isDirectory).sorted().toList()) {
                    files.addAll(files(subchart));
                }
            }
        }
        return files;
    }

    private static List<Path> crdFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> {
                String name = file.getFileName().toString();
                return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
            }).sorted().toList();
        }
    }
}
