package io.flotilla.renderer.release;

import io.flotilla.git.secret.SourceAuth;
import io.flotilla.renderer.source.GitRef;

/**
 * A chart in a folder of another Git repository than the one being rendered: Flux v1's {@code spec.chart.git}
 * or a Flux v2 GitRepository whose URL is not the watched repository.
 *
 * @param url  the repository as Git fetches it
 * @param ref  the commit to take the chart from
 * @param path the chart's folder in that repository
 * @param auth the Secret the GitRepository names; none: the one configured for the repository, if any
 */
public record GitChart(String url, GitRef ref, ChartLocation path, SourceAuth auth) implements ChartSource {

    /** A chart of a repository whose declaration names no Secret (Flux v1's {@code spec.chart.git}). */
    public GitChart(String url, GitRef ref, ChartLocation path) {
        this(url, ref, path, SourceAuth.NONE);
    }

    @Override
    public String field() {
        return path.field();
    }
}
