package io.flotilla.renderer.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The charts written out for Helm, from Git and from packages alike, kept to a number of bytes on disk: the ones
 * used least recently go first. An entry is a folder holding everything written for one chart (the copies Helm
 * renders included). Entries are removed only by {@link #trim()}, which the renderer calls before a commit's renders
 * start, so no render ever loses the chart it is reading.
 */
public final class ChartsOnDisk {

    /** The size of an entry used since the last trim: it may have grown (a new copy for Helm), so it is measured. */
    private static final long TO_MEASURE = -1;

    private final long maxBytes;
    private final Map<Path, Long> sizes = new LinkedHashMap<>(64, 0.75f, true);

    /** @param maxBytes what the charts may take on disk after a trim */
    public ChartsOnDisk(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Marks {@code entry} (a chart's folder) as just used. */
    synchronized void used(Path entry) {
        sizes.put(entry, TO_MEASURE);
    }

    /** Removes the least recently used entries until the rest fit in the bound. */
    public void trim() throws IOException {
        List<Path> removed = new ArrayList<>();
        synchronized (this) {
            long total = 0;
            for (Map.Entry<Path, Long> entry : sizes.entrySet()) {
                if (entry.getValue() == TO_MEASURE) {
                    entry.setValue(bytes(entry.getKey()));
                }
                total += entry.getValue();
            }
            for (Iterator<Map.Entry<Path, Long>> eldest = sizes.entrySet().iterator();
                    total > maxBytes && eldest.hasNext(); ) {
                Map.Entry<Path, Long> entry = eldest.next();
                total -= entry.getValue();
                removed.add(entry.getKey());
                eldest.remove();
            }
        }
        for (Path entry : removed) {
            FileTrees.delete(entry);
        }
    }

    private static long bytes(Path entry) throws IOException {
        if (!Files.isDirectory(entry)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(entry)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
