package io.flotilla.renderer.chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;

import io.flotilla.renderer.release.ChartLocation;
import io.flotilla.renderer.source.CommitSnapshot;

/**
 * The {@code file://} dependencies of a chart's {@code Chart.yaml} that its {@code charts/} folder does not
 * vendor: folders of the same commit, found relative to the chart as Helm finds them, and built into
 * {@code charts/} by Helm's own {@code helm dependency build}. Vendored subcharts ({@code charts/<name>/} or a
 * {@code .tgz}) need nothing: Helm reads them as they are.
 */
final class ChartDependencies {

    private static final String FILE = "file://";

    private ChartDependencies() {
    }

    /**
     * The folders (relative to the repository root) of the chart's {@code file://} dependencies not vendored
     * in its {@code charts/}.
     *
     * @param field where the chart was named, for messages
     */
    static List<String> unvendored(CommitSnapshot snapshot, String folder, Map<?, ?> metadata, String field)
            throws ChartNotFoundException {
        if (!(metadata.get("dependencies") instanceof List<?> dependencies)) {
            return List.of();
        }
        List<String> folders = new ArrayList<>();
        for (Object dependency : dependencies) {
            if (!(dependency instanceof Map<?, ?> fields) || !(fields.get("repository") instanceof String repository)
                    || !repository.startsWith(FILE) || !(fields.get("name") instanceof String name)
                    || vendored(snapshot, folder, name)) {
                continue;
            }
            String relative = repository.substring(FILE.length());
            String path = folder.isEmpty() ? relative : folder + "/" + relative;
            String dependencyFolder = new ChartLocation(path, field).folder().orElseThrow(() ->
                    new ChartNotFoundException(field + ": dependency '" + name + "' of chart " + folder + " ("
                            + repository + ") points outside the repository"));
            if (!snapshot.isFile(dependencyFolder.isEmpty() ? "Chart.yaml" : dependencyFolder + "/Chart.yaml")) {
                throw new ChartNotFoundException(field + ": dependency '" + name + "' of chart " + folder + " ("
                        + repository + ") is not a chart at " + snapshot.shortSha());
            }
            folders.add(dependencyFolder);
        }
        return folders;
    }

    private static boolean vendored(CommitSnapshot snapshot, String folder, String name) {
        String charts = folder.isEmpty() ? "charts/" : folder + "/charts/";
        if (snapshot.isFile(charts + name + "/Chart.yaml")) {
            return true;
        }
        return snapshot.files().subMap(charts + name + "-", charts + name + "-\uffff").keySet().stream()
                .anyMatch(path -> path.endsWith(".tgz"));
    }

    /**
     * Runs {@code helm dependency build} in a chart written out with its dependencies at their places, then
     * unpacks what Helm packaged into {@code charts/}.
     */
    static void build(Path chart) throws IOException {
        try {
            new Helm(chart).dependency().build().call();
        } catch (IllegalStateException e) {
            throw new IOException("helm dependency build: " + e.getMessage(), e);
        }
        unpackSubcharts(chart);
    }

    /**
     * Unpacks the packaged subcharts ({@code charts/*.tgz}) of a chart written out for Helm, and theirs, so that
     * their hooks and CRDs are read like the chart's own. Helm reads a subchart folder as it reads its archive.
     */
    static void unpackSubcharts(Path chart) throws IOException {
        Path charts = chart.resolve("charts");
        if (!Files.isDirectory(charts)) {
            return;
        }
        List<Path> packaged;
        try (Stream<Path> files = Files.list(charts)) {
            packaged = files.filter(file -> file.getFileName().toString().endsWith(".tgz")).toList();
        }
        for (Path archive : packaged) {
            try {
                ChartArchive.extract(Files.readAllBytes(archive), charts, archive.getFileName().toString());
            } catch (ChartNotFoundException e) {
                throw new IOException(e.getMessage(), e);
            }
            Files.delete(archive);
        }
        try (Stream<Path> folders = Files.list(charts)) {
            for (Path subchart : folders.filter(Files::isDirectory).toList()) {
                unpackSubcharts(subchart);
            }
        }
    }
}
