package io.flotilla.renderer.chart;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

import io.flotilla.renderer.source.CommitSnapshot;

/**
 * Charts written out to disk for Helm, one folder per chart content: {@code <root>/<tree id>/<chart name>}.
 * The same chart at any commit, in any repository, is written once. A chart is written to a scratch
 * folder first and moved into place whole, so a crash never leaves half a chart behind.
 */
public final class ChartCache {

    private final Path root;

    public ChartCache(Path root) {
        this.root = root;
    }

    /** The chart's folder on disk, written from the commit when not there yet. */
    public Path materialise(CommitSnapshot snapshot, ChartFolder chart) throws IOException {
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
