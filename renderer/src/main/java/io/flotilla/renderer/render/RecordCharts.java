package io.flotilla.renderer.render;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jboss.logging.Logger;

import com.marcnuri.helm.Helm;

import io.flotilla.events.CompressedChart;
import io.flotilla.renderer.chart.ChartCache;
import io.flotilla.renderer.chart.FileTrees;
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

    private static final Logger LOG = Logger.getLogger(RecordCharts.class);
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

    /**
     * The chart's templates as Helm loads them: Helm packages the chart ({@code .helmignore} honoured, as when it
     * installs it), and the templates of the package's chart, not those of its subcharts, are kept by name. None
     * when Helm cannot package it; the release's record then names the chart without its templates.
     */
    private static List<Map<String, Object>> templates(Path folder) throws IOException {
        if (!Files.isDirectory(folder.resolve("templates"))) {
            return List.of();
        }
        Path packaged = Files.createTempDirectory("flotilla-record-chart");
        try {
            new Helm(folder).packageIt().withDestination(packaged).call();
            try (Stream<Path> archives = Files.list(packaged)) {
                Path archive = archives.findFirst().orElseThrow(() -> new IOException("helm package wrote nothing"));
                return templatesIn(archive);
            }
        } catch (IllegalStateException e) {
            LOG.warnf("Helm's release records of chart %s keep no templates: helm package failed: %s", folder,
                    e.getMessage());
            return List.of();
        } finally {
            FileTrees.delete(packaged);
        }
    }

    /** The templates of a packaged chart's own {@code templates/} folder, sorted by name. */
    private static List<Map<String, Object>> templatesIn(Path archive) throws IOException {
        Map<String, Map<String, Object>> byName = new TreeMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive));
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                String[] parts = entry.getName().split("/", 2);
                if (!entry.isFile() || parts.length < 2 || !parts[1].startsWith("templates/")) {
                    continue;
                }
                Map<String, Object> template = new LinkedHashMap<>();
                template.put("name", parts[1]);
                template.put("data", Base64.getEncoder().encodeToString(tar.readAllBytes()));
                byName.put(parts[1], template);
            }
        }
        return new ArrayList<>(byName.values());
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
