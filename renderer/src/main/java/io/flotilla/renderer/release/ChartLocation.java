package io.flotilla.renderer.release;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * A path a HelmRelease gives in a Git repository (its chart's folder, a chart file, a {@code file://} dependency):
 * in the repository being rendered, at the same commit, or in the repository a {@link GitChart} names.
 *
 * @param path  the path as the user wrote it, for messages
 * @param field the field it was read from ({@code spec.chart.path}, {@code spec.chart.spec.chart})
 */
public record ChartLocation(String path, String field) implements ChartSource {

    /**
     * The folder relative to the repository root ({@code ./charts/app/} becomes {@code charts/app}), or
     * empty when the path leaves the repository.
     */
    public Optional<String> folder() {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.replace('\\', '/').split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    return Optional.empty();
                }
                segments.removeLast();
            } else {
                segments.addLast(segment);
            }
        }
        return Optional.of(String.join("/", segments));
    }
}
