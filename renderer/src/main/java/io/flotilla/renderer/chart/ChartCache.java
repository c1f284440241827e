package io.flotilla.renderer.chart;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.flotilla.renderer.release.ChartLocation;
import io.flotilla.renderer.release.InvalidYamlException;
import io.flotilla.renderer.release.YamlDocuments;
import io.flotilla.renderer.source.CommitSnapshot;

/**
 * Charts by content. {@link #locate} finds the chart a HelmRelease points at and knows it by its Git tree
 * id, so that a commit with a thousand releases of one chart reads its {@code Chart.yaml} once.
 * {@link #materialise} writes a chart out to disk for Helm, one folder per content:
 * {@code <root>/<tree id>/<chart name>}; the same chart at any commit, in any repository, is written once.
 * A chart is written to a scratch folder first and moved into place whole, so a crash never leaves half a
 * chart behind.
 */
public final class ChartCache {

    private static final String CHART_FILE = "Chart.yaml";
    private static final int CHARTS_KEPT = 1_000;

    private final Path root;
    private final Map<String, ChartFolder> byDigest = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ChartFolder> eldest) {
            return size() > CHARTS_KEPT;
        }
    };

    public ChartCache(Path root) {
        this.root = root;
    }

    /** The chart a HelmRelease points at, at this commit; the message of the exception is for the user. */
    public synchronized ChartFolder locate(CommitSnapshot snapshot, ChartLocation location)
            throws ChartNotFoundException {
        String folder = location.folder().orElseThrow(() -> new ChartNotFoundException(
                location.field() + " '" + location.path() + "' points outside the repository"));
        String digest = snapshot.folderId(folder).orElseThrow(() -> new ChartNotFoundException(
                location.field() + " '" + location.path() + "' does not exist at " + snapshot.shortSha()))
                .getName();
        String chartFile = folder.isEmpty() ? CHART_FILE : folder + "/" + CHART_FILE;
        if (!snapshot.isFile(chartFile)) {
            throw new ChartNotFoundException(location.field() + " '" + location.path() + "' is not a chart: it has no "
                    + CHART_FILE + " at " + snapshot.shortSha());
        }
        ChartFolder known = byDigest.get(digest);
        if (known != null) {
            return known.folder().equals(folder) ? known : new ChartFolder(folder, digest, known.name(), known.version());
        }
        Map<?, ?> metadata = metadata(snapshot.readText(chartFile));
        ChartFolder chart = new ChartFolder(folder, digest, text(metadata.get("name")), text(metadata.get("version")));
        byDigest.put(digest, chart);
        return chart;
    }

    /** The chart's folder on disk, written from the commit when not there yet. */
    public Path materialise(CommitSnapshot snapshot, ChartFolder chart) throws IOException {
        if (!chart.inCommit()) {
            return chart.local();
        }
        Path entry = root.resolve(chart.digest());
        Path dir = entry.resolve(folderName(chart));
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Files.createDirectories(root);
        Path scratch = Files.createTempDirectory(root, chart.digest() + ".");
        try {
            snapshot.copyFolder(chart.folder(), scratch.resolve(folderName(chart)));
            Files.move(scratch, entry, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // Another renderer wrote the same chart meanwhile: theirs is as good as ours.
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        } finally {
            deleteIfPresent(scratch);
        }
        return dir;
    }

    /**
     * Helm names nothing after the folder, but its messages read better with the chart's name. The name is
     * part of the content (Chart.yaml), so one tree id always gets the same folder name.
     */
    private static String folderName(ChartFolder chart) {
        String name = chart.name();
        return name == null || !name.matches("[A-Za-z0-9._-]+") || name.startsWith(".") ? "chart" : name;
    }

    private static Map<?, ?> metadata(String chartFile) {
        try {
            List<Object> documents = YamlDocuments.parse(chartFile);
            return !documents.isEmpty() && documents.get(0) instanceof Map<?, ?> map ? map : Map.of();
        } catch (InvalidYamlException e) {
            return Map.of();
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static void deleteIfPresent(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }
}
