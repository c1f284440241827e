package io.flotilla.renderer.chart;

import java.nio.file.Path;
import java.util.List;

/**
 * A chart: a folder of a commit, or a packaged chart unpacked on disk. A folder's digest is its Git tree id (with
 * the tree ids of its {@code file://} dependencies and the digests of its fetched ones when it has some): it
 * changes exactly when a file of the chart
 * changes, and it is known without reading the files. A packaged chart's digest is the SHA-256 of its archive.
 *
 * @param folder  the folder relative to the repository root; for a packaged chart, where it came from
 * @param name    from {@code Chart.yaml}, null when that file cannot be read (Helm then says why)
 * @param version from {@code Chart.yaml}, likewise
 * @param local        where a chart that does not come from the commit (a Helm repository's) is unpacked; null
 *                     for a folder of the commit
 * @param dependencies the folders of the commit that the chart's {@code file://} dependencies name and its
 *                     {@code charts/} does not vendor: Helm builds them into the chart
 * @param fetched      the charts its remote dependencies name and its {@code charts/} does not vendor, fetched and
 *                     unpacked: copied into the chart
 */
public record ChartFolder(String folder, String digest, String name, String version, Path local,
        List<String> dependencies, List<ChartFolder> fetched) {

    public ChartFolder {
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        fetched = fetched == null ? List.of() : List.copyOf(fetched);
    }

    /** A folder of a commit with no remote dependencies to fetch. */
    public ChartFolder(String folder, String digest, String name, String version, Path local,
            List<String> dependencies) {
        this(folder, digest, name, version, local, dependencies, List.of());
    }

    /** A packaged chart, unpacked at {@code local}. */
    public ChartFolder(String folder, String digest, String name, String version, Path local) {
        this(folder, digest, name, version, local, List.of());
    }

    public boolean inCommit() {
        return local == null;
    }
}
