package io.flotilla.renderer.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Whether a chart's templates (its subcharts' included) ask for {@code .Capabilities.APIVersions}. Only those
 * charts render differently for a cluster's API versions, so only their releases take the API versions into their
 * input digest: a CRD installed on a cluster, or the observer's first report of it, renders again just the
 * releases whose output may change, not every release on the cluster. Remembered per chart digest.
 */
final class ApiVersionsAsked {

    private static final String ASKED = "Capabilities.APIVersions";
    /** Charts remembered; a typical fleet has far fewer distinct charts. */
    private static final int REMEMBERED = 2_000;

    private final Map<String, Boolean> byChartDigest = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            });

    /** Whether the chart of {@code chartDigest}, written out at {@code chartDir}, asks for the API versions. */
    boolean by(String chartDigest, ChartDir chartDir) throws IOException {
        Boolean known = byChartDigest.get(chartDigest);
        if (known != null) {
            return known;
        }
        boolean asked = asks(chartDir.path());
        byChartDigest.put(chartDigest, asked);
        return asked;
    }

    /**
     * A template or helper under any {@code templates/} folder mentions them; a packaged subchart is not read
     * and counts as asking, so that its answer can never be stale.
     */
    static boolean asks(Path chart) throws IOException {
        try (Stream<Path> files = Files.walk(chart)) {
            return files.filter(Files::isRegularFile).anyMatch(file -> {
                String name = file.getFileName().toString();
                if (name.endsWith(".tgz")) {
                    return true;
                }
                return chart.relativize(file).toString().contains("templates") && mentions(file);
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static boolean mentions(Path file) {
        try {
            return Files.readString(file).contains(ASKED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the chart is on disk, found only when its answer is not remembered. */
    @FunctionalInterface
    interface ChartDir {
        Path path() throws IOException;
    }
}
