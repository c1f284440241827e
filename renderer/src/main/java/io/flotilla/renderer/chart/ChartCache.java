package io.flotilla.renderer.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flotilla.renderer.digest.Digests;
import io.flotilla.renderer.release.ChartLocation;
import io.flotilla.renderer.release.DependencyLogins;
import io.flotilla.renderer.release.InvalidYamlException;
import io.flotilla.renderer.release.YamlDocuments;
import io.flotilla.renderer.source.CommitSnapshot;

/**
 * Charts by content. {@link #locate} finds the chart a HelmRelease points at and knows it by its Git tree
 * id, so that a commit with a thousand releases of one chart reads its {@code Chart.yaml} once.
 * {@link #materialise} writes a chart out to disk for Helm, one folder per content:
 * {@code <root>/<digest>/<chart name>}; the same chart at any commit, in any repository, is written once, its
 * packaged subcharts unpacked, its {@code file://} dependencies built by Helm and its remote ones fetched
 * ({@link ChartDependencies}). A chart is written to a
 * scratch folder first and moved into place whole, so a crash never leaves half a chart behind. The charts kept
 * on disk are bounded in bytes ({@link ChartsOnDisk}).
 */
public final class ChartCache {

    private static final String CHART_FILE = "Chart.yaml";
    /** Where a chart with dependencies to build is written with them, at their places in the repository. */
    private static final String MIRRORED = "repository";
    /** Charts whose {@code Chart.yaml} fields are kept in memory. */
    private static final int METADATA_KEPT = 1_000;

    private final Path root;
    private final ChartsOnDisk written;
    private final HelmRepositoryCharts repositories;
    private final OciCharts registries;
    /** The remote dependencies fetched for each chart whose {@code Chart.lock} pins them all, by its tree id. */
    private final Map<String, List<ChartFolder>> lockedDependencies = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<ChartFolder>> eldest) {
            return size() > METADATA_KEPT;
        }
    };
    /** The fields of each chart's {@code Chart.yaml}, by the chart's tree id. */
    private final Map<String, Map<?, ?>> byTree = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<?, ?>> eldest) {
            return size() > METADATA_KEPT;
        }
    };

    /**
     * @param root    emptied at start: what an earlier run left there is not known to this one
     * @param written the bound on the charts kept on disk, shared with {@link ChartArchive}
     */
    public ChartCache(Path root, ChartsOnDisk written) {
        this(root, written, null, null);
    }

    /**
     * @param root         emptied at start: what an earlier run left there is not known to this one
     * @param written      the bound on the charts kept on disk, shared with {@link ChartArchive}
     * @param repositories where the remote dependencies of charts are fetched from, with {@code registries}; null
     *                     for none (a chart with remote dependencies then fails with the reason)
     */
    public ChartCache(Path root, ChartsOnDisk written, HelmRepositoryCharts repositories, OciCharts registries) {
        this.root = root;
        this.written = written;
        this.repositories = repositories;
        this.registries = registries;
        try {
            FileTrees.delete(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the chart cache " + root, e);
        }
    }

    /**
     * The chart a HelmRelease points at, at this commit; the message of the exception is for the user.
     *
     * @param logins the credentials its remote dependencies are fetched with, by repository URL
     */
    public synchronized ChartFolder locate(CommitSnapshot snapshot, ChartLocation location, DependencyLogins logins)
            throws ChartNotFoundException {
        String folder = location.folder().orElseThrow(() -> new ChartNotFoundException(
                location.field() + " '" + location.path() + "' points outside the repository"));
        String treeId = snapshot.folderId(folder).orElseThrow(() -> new ChartNotFoundException(
                location.field() + " '" + location.path() + "' does not exist at " + snapshot.shortSha()))
                .getName();
        String chartFile = folder.isEmpty() ? CHART_FILE : folder + "/" + CHART_FILE;
        if (!snapshot.isFile(chartFile)) {
            throw new ChartNotFoundException(location.field() + " '" + location.path() + "' is not a chart: it has no "
                    + CHART_FILE + " at " + snapshot.shortSha());
        }
        Map<?, ?> metadata = byTree.computeIfAbsent(treeId, id -> metadata(snapshot.readText(chartFile)));
        List<String> dependencies = ChartDependencies.unvendored(snapshot, folder, metadata, location.field());
        List<ChartFolder> fetched = fetched(treeId, ChartDependencies.remote(snapshot, folder, metadata,
                location.field() + " '" + location.path() + "'"), logins);
        String digest = treeId;
        if (!dependencies.isEmpty() || !fetched.isEmpty()) {
            StringBuilder tree = new StringBuilder(treeId);
            for (String dependency : dependencies) {
                tree.append(' ').append(dependency).append('=')
                        .append(snapshot.folderId(dependency).orElseThrow().getName());
            }
            for (ChartFolder dependency : fetched) {
                tree.append(' ').append(dependency.folder()).append('=').append(dependency.digest());
            }
            digest = Digests.sha256(tree.toString());
        }
        return new ChartFolder(folder, digest, text(metadata.get("name")), text(metadata.get("version")), null,
                dependencies, fetched);
    }

    /**
     * The remote dependencies fetched: an archive already downloaded is not downloaded again (the fetchers keep
     * them by digest). Versions that {@code Chart.lock} pins, all of them, are fetched once per chart content (the
     * lock is part of it) while their charts are still on disk; a range is asked of its repository at every commit,
     * as {@code helm dependency build} asks it.
     */
    private List<ChartFolder> fetched(String treeId, List<ChartDependencies.RemoteDependency> remote,
            DependencyLogins logins) throws ChartNotFoundException {
        if (remote.isEmpty()) {
            return List.of();
        }
        boolean locked = remote.stream().allMatch(ChartDependencies.RemoteDependency::locked);
        List<ChartFolder> known = locked ? lockedDependencies.get(treeId) : null;
        if (known != null && known.stream().allMatch(dependency -> Files.isDirectory(dependency.local()))) {
            return known;
        }
        List<ChartFolder> fetched = new ArrayList<>();
        for (ChartDependencies.RemoteDependency dependency : remote) {
            if (repositories == null || registries == null) {
                throw new ChartNotFoundException(dependency.field() + ": remote dependencies are not fetched here");
            }
            fetched.add(ChartDependencies.fetch(dependency, repositories, registries,
                    logins.forRepository(dependency.repository())));
        }
        if (locked) {
            lockedDependencies.put(treeId, List.copyOf(fetched));
        }
        return fetched;
    }

    /**
     * The chart's folder on disk, written from the commit when not there yet. A chart with {@code file://}
     * dependencies to build is written with them at their places in the repository, then Helm builds them in.
     */
    public Path materialise(CommitSnapshot snapshot, ChartFolder chart) throws IOException {
        if (!chart.inCommit()) {
            return chart.local();
        }
        Path entry = root.resolve(chart.digest());
        Path dir = chartIn(entry, chart);
        written.used(entry);
        if (Files.isDirectory(dir)) {
            return dir;
        }
        synchronized (this) {
            return write(snapshot, chart, entry, dir);
        }
    }

    /** Renders running side by side may want the same new chart: one writes it, the others find it written. */
    private Path write(CommitSnapshot snapshot, ChartFolder chart, Path entry, Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Files.createDirectories(root);
        Path scratch = Files.createTempDirectory(root, chart.digest() + ".");
        try {
            snapshot.copyFolder(chart.folder(), chartIn(scratch, chart));
            for (String dependency : chart.dependencies()) {
                snapshot.copyFolder(dependency, scratch.resolve(MIRRORED).resolve(dependency));
            }
            Path target = chartIn(scratch, chart);
            ChartDependencies.unpackSubcharts(target);
            for (ChartFolder dependency : chart.fetched()) {
                FileTrees.copy(dependency.local(), target.resolve("charts")
                        .resolve(dependency.name() + "-" + dependency.version()));
            }
            if (!chart.dependencies().isEmpty() && chart.fetched().isEmpty()) {
                ChartDependencies.build(target);
            } else if (!chart.dependencies().isEmpty()) {
                ChartDependencies.packageLocal(target, scratch.resolve(MIRRORED), chart.dependencies());
            }
            Files.move(scratch, entry, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // Another renderer wrote the same chart meanwhile: theirs is as good as ours.
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        } finally {
            FileTrees.delete(scratch);
        }
        return dir;
    }

    /** Where the chart is in its folder of the cache: under its own name, or at its place in the repository. */
    private static Path chartIn(Path entry, ChartFolder chart) {
        if (chart.dependencies().isEmpty()) {
            return entry.resolve(folderName(chart));
        }
        Path repository = entry.resolve(MIRRORED);
        return chart.folder().isEmpty() ? repository : repository.resolve(chart.folder());
    }

    /**
     * Helm names nothing after the folder, but its messages read better with the chart's name. The name is
     * part of the content (Chart.yaml), so one tree id always gets the same folder name.
     */
    private static String folderName(ChartFolder chart) {
        String name = chart.name();
        return name == null || !name.matches("[A-Za-z0-9._-]+") || name.startsWith(".") ? "chart" : name;
    }

    /** The fields of the {@code Chart.yaml} of a chart on disk; none when it cannot be read (Helm then says why). */
    public static Map<?, ?> metadata(Path chart) throws IOException {
        Path chartFile = chart.resolve(CHART_FILE);
        return Files.isRegularFile(chartFile) ? metadata(Files.readString(chartFile, StandardCharsets.UTF_8))
                : Map.of();
    }

    /** The fields of a {@code Chart.yaml}; none when it cannot be read (Helm then says why). */
    static Map<?, ?> metadata(String chartFile) {
        try {
            List<Object> documents = YamlDocuments.parse(chartFile);
            return !documents.isEmpty() && documents.get(0) instanceof Map<?, ?> map ? map : Map.of();
        } catch (InvalidYamlException e) {
            return Map.of();
        }
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
