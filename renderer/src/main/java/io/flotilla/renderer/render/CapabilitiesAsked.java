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
 * Whether a chart (its subcharts included) asks for the target cluster's capabilities: a template that reads
 * {@code .Capabilities}, or a {@code kubeVersion} constraint in a {@code Chart.yaml}. Only such charts render
 * differently from one cluster's Kubernetes version and API versions to another's, so only their releases take
 * them into their input digest: the observer's first report of a cluster, or a CRD installed on it, renders again
 * just the releases whose output may change, not every release on the cluster. Remembered per chart digest.
 */
final class CapabilitiesAsked {

    /** Charts remembered; a typical fleet has far fewer distinct charts. */
    private static final int REMEMBERED = 2_000;

    private final Map<String, Boolean> byChartDigest = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            });

    /** Whether the chart of {@code chartDigest}, written out at {@code chartDir}, asks for capabilities. */
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
     * A file under a {@code templates/} folder mentions {@code .Capabilities}, or a {@code Chart.yaml} constrains
     * {@code kubeVersion}; a packaged subchart is not read and counts as asking, so its answer is never stale.
     */
    static boolean asks(Path chart) throws IOException {
        try (Stream<Path> files = Files.walk(chart)) {
            return files.filter(Files::isRegularFile).anyMatch(file -> {
                String name = file.getFileName().toString();
                if (name.endsWith(".tgz")) {
                    return true;
                }
                if (name.equals("Chart.yaml")) {
                    return text(file).contains("kubeVersion:");
                }
                return chart.relativize(file).toString().contains("templates") && text(file).contains("Capabilities.");
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
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
