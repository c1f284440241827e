package io.flotilla.renderer.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.flotilla.events.CompressedChart;
import io.flotilla.renderer.chart.ChartCache;
import io.flotilla.renderer.release.InvalidYamlException;
import io.flotilla.renderer.release.YamlDocuments;

/**
 * The chart as Helm keeps it in each release record: {@code metadata} (its {@code Chart.yaml}), {@code values} (its
 * {@code values.yaml}) and {@code templates} (name under the chart, data in Base64), so that {@code helm get values
 * --all}, {@code helm get all} and {@code helm history} show what Helm would. Subcharts are not in it, as Helm does not
 * store them either. Made once per chart folder (named by its digest, never changed) and shared by every release of
 * the chart; the templates are left out of a chart whose record would take more than {@value #MAX_BYTES} bytes
 * compressed, to keep room for the objects in the rendering.
 */
final class RecordCharts {

    static final int MAX_BYTES = 256 * 1024;
    private static final int CHARTS_KEPT = 256;

    private final Map<Path, CompressedChart> byChart = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, CompressedChart> eldest) {
            return size() > CHARTS_KEPT;
        }
    };

    /** The record's chart for the chart in {@code folder}. */
    CompressedChart of(Path folder) throws IOException {
        synchronized (byChart) {
            CompressedChart known = byChart.get(folder);
            if (known != null) {
                return known;
            }
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("metadata", ChartCache.metadata(folder));
        chart.put("templates", templates(folder));
        chart.put("values", values(folder));
        CompressedChart compressed = CompressedChart.of(chart);
        if (compressed.encodedSize() > MAX_BYTES) {
            chart.put("templates", List.of());
            compressed = CompressedChart.of(chart);
        }
        synchronized (byChart) {
            byChart.put(folder, compressed);
        }
        return compressed;
    }

    private static List<Map<String, Object>> templates(Path folder) throws IOException {
        Path templates = folder.resolve("templates");
        if (!Files.isDirectory(templates)) {
            return List.of();
        }
        List<Map<String, Object>> records = new ArrayList<>();
        try (Stream<Path> files = Files.walk(templates)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                Map<String, Object> template = new LinkedHashMap<>();
                template.put("name", folder.relativize(file).toString().replace('\\', '/'));
                template.put("data", Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
                records.add(template);
            }
        }
        return records;
    }

    /** The chart's own defaults; none when its {@code values.yaml} is absent or empty (Helm then fails first). */
    private static Object values(Path folder) throws IOException {
        Path values = folder.resolve("values.yaml");
        if (!Files.isRegularFile(values)) {
            return Map.of();
        }
        try {
            List<Object> documents = YamlDocuments.parse(Files.readString(values));
            return !documents.isEmpty() && documents.get(0) instanceof Map<?, ?> map ? map : Map.of();
        } catch (InvalidYamlException e) {
            return Map.of();
        }
    }
}
