package io.flotilla.renderer.chart;

import java.nio.file.Path;

/**
 * A chart as a folder of a commit. Its Git tree id is its digest: it changes exactly when a file of the
 * chart changes, and it is known without reading the files.
 *
 * @param folder  the folder relative to the repository root
 * @param name    from {@code Chart.yaml}, null when that file cannot be read (Helm then says why)
 * @param version from {@code Chart.yaml}, likewise
 * @param local   where a chart that does not come from the commit (a Helm repository's) is unpacked; null for
 *                a folder of the commit
 */
public record ChartFolder(String folder, String digest, String name, String version, Path local) {

    /** A folder of the commit. */
    public ChartFolder(String folder, String digest, String name, String version) {
        this(folder, digest, name, version, null);
    }

    public boolean inCommit() {
        return local == null;
    }
}
