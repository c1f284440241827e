package io.flotilla.renderer.release;

import io.flotilla.renderer.source.GitRef;

/**
 * A chart in a folder of another Git repository than the one being rendered: Flux v1's {@code spec.chart.git}
 * or a Flux v2 GitRepository whose URL is not the watched repository.
 *
 * @param url  the repository as Git fetches it
 * @param ref  the commit to take the chart from
 * @param path the chart's folder in that repository
 */
public record GitChart(String url, GitRef ref, ChartLocation path) implements ChartSource {

    @Override
    public String field() {
        return path.field();
    }
}
