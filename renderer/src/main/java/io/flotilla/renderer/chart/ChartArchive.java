package io.flotilla.renderer.chart;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Packaged charts ({@code .tgz}, as Helm packages them, from an HTTP repository or an OCI registry), kept unpacked
 * under their SHA-256, which is also the chart's digest: the same archive is unpacked once, whichever source
 * served it. The charts kept on disk are bounded in bytes ({@link ChartsOnDisk}).
 */
public final class ChartArchive {

    private final Path root;
    private final ChartsOnDisk entries;

    /**
     * @param root    emptied at start: what an earlier run left there is not known to this one
     * @param entries the bound on the charts kept on disk, shared with {@link ChartCache}
     */
    public ChartArchive(Path root, ChartsOnDisk entries) {
        this.root = root;
        this.entries = entries;
        try {
            FileTrees.delete(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the chart cache " + root, e);
        }
    }

    /** The chart unpacked under {@code digest}, if it was before: the archive need not be downloaded again. */
    Optional<Path> unpacked(String digest) throws IOException {
        Optional<Path> chart = chartIn(root.resolve(digest));
        chart.ifPresent(found -> entries.used(root.resolve(digest)));
        return chart;
    }

    /**
     * The archive unpacked under its digest; its one top folder is the chart.
     *
     * @param what the chart for messages: {@code <field>: ... <name>}
     */
    Path unpack(byte[] archive, String digest, String what) throws ChartNotFoundException {
        Path entry = root.resolve(digest);
        try {
            entries.used(entry);
            Optional<Path> known = chartIn(entry);
            if (known.isPresent()) {
                return known.get();
            }
            Files.createDirectories(root);
            Path scratch = Files.createTempDirectory(root, digest + ".");
            try {
                extract(archive, scratch, what);
                Optional<Path> chart = chartIn(scratch);
                if (chart.isPresent()) {
                    ChartDependencies.unpackSubcharts(chart.get());
                }
                Files.move(scratch, entry, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // Unpacked meanwhile from the same bytes.
            } finally {
                FileTrees.delete(scratch);
            }
            return chartIn(entry).orElseThrow(() -> new ChartNotFoundException("the archive of " + what
                    + " holds no chart"));
        } catch (IOException e) {
            throw new ChartNotFoundException("cannot unpack " + what + ": " + e.getMessage());
        }
    }

    /** Writes the files of a packaged chart under {@code target}; none may land outside it. */
    static void extract(byte[] archive, Path target, String what) throws IOException, ChartNotFoundException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(archive));
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry file; (file = tar.getNextEntry()) != null; ) {
                Path destination = target.resolve(file.getName()).normalize();
                if (!destination.startsWith(target)) {
                    throw new ChartNotFoundException("the archive of " + what + " has a file outside its folder: "
                            + file.getName());
                }
                if (file.isDirectory()) {
                    Files.createDirectories(destination);
                } else if (file.isFile()) {
                    Files.createDirectories(destination.getParent());
                    Files.copy(tar, destination);
                }
            }
        }
    }

    private static Optional<Path> chartIn(Path entry) throws IOException {
        if (!Files.isDirectory(entry)) {
            return Optional.empty();
        }
        try (Stream<Path> children = Files.list(entry)) {
            return children.filter(child -> Files.isRegularFile(child.resolve("Chart.yaml"))).findFirst();
        }
    }
}
