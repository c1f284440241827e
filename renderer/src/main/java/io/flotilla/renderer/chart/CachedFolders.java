package io.flotilla.renderer.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a folder of cached charts, one entry per digest, to a number of entries: the ones used least recently
 * go first. An entry holds everything written for its chart (the copy Helm renders included). Entries are
 * removed only by {@link #trim()}, which the renderer calls before a commit's renders start, so no render ever
 * loses the chart it is reading. What an earlier run of the renderer left is removed
 * at start, since this run does not know when it was used.
 */
final class CachedFolders {

    private final Path root;
    private final int kept;
    private final Map<Path, Boolean> used = new LinkedHashMap<>(64, 0.75f, true);

    CachedFolders(Path root, int kept) {
        this.root = root;
        this.kept = kept;
        try {
            ChartArchive.deleteTree(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the chart cache " + root, e);
        }
    }

    Path root() {
        return root;
    }

    /** Marks {@code entry} (a folder right under the root) as just used. */
    synchronized void used(Path entry) {
        used.put(entry, Boolean.TRUE);
    }

    /** Removes the least recently used entries beyond the bound. */
    void trim() throws IOException {
        List<Path> removed = new ArrayList<>();
        synchronized (this) {
            var eldest = used.keySet().iterator();
            while (used.size() - removed.size() > kept && eldest.hasNext()) {
                removed.add(eldest.next());
                eldest.remove();
            }
        }
        for (Path entry : removed) {
            ChartArchive.deleteTree(entry);
        }
    }
}
