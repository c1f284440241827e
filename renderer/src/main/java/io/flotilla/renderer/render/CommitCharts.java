package io.flotilla.renderer.render;

import java.util.HashMap;
import java.util.Map;

import io.flotilla.git.outbound.OutboundPolicy;
import io.flotilla.git.outbound.OutboundRefusedException;
import io.flotilla.renderer.chart.ChartCache;
import io.flotilla.renderer.chart.ChartFolder;
import io.flotilla.renderer.chart.ChartNotFoundException;
import io.flotilla.renderer.chart.HelmRepositoryCharts;
import io.flotilla.renderer.chart.OciCharts;
import io.flotilla.renderer.release.ChartLocation;
import io.flotilla.renderer.release.ChartSource;
import io.flotilla.renderer.release.DependencyLogins;
import io.flotilla.renderer.release.GitChart;
import io.flotilla.renderer.release.OciChart;
import io.flotilla.renderer.release.RepositoryChart;
import io.flotilla.renderer.source.CommitSnapshot;
import io.flotilla.renderer.source.RepositoryCache;
import io.flotilla.renderer.source.RepositoryUnavailableException;

/**
 * The charts of the releases of one commit, wherever they are: a folder of the commit, a folder of another Git
 * repository, a Helm HTTP repository, an OCI registry. Another repository is fetched once per commit, however
 * many releases take charts from it.
 */
final class CommitCharts {

    private final CommitSnapshot commit;
    private final ChartCache charts;
    private final RepositoryCache chartRepositories;
    private final HelmRepositoryCharts helmRepositories;
    private final OciCharts registries;
    private final OutboundPolicy outbound;
    private final Map<GitChartCommit, CommitSnapshot> otherRepositories = new HashMap<>();

    /** @param outbound where charts, their repositories and values files may be fetched from */
    CommitCharts(CommitSnapshot commit, ChartCache charts, RepositoryCache chartRepositories,
            HelmRepositoryCharts helmRepositories, OciCharts registries, OutboundPolicy outbound) {
        this.commit = commit;
        this.outbound = outbound;
        this.charts = charts;
        this.chartRepositories = chartRepositories;
        this.helmRepositories = helmRepositories;
        this.registries = registries;
    }

    /**
     * The chart and the commit it is a folder of (null for a packaged chart); the message is for the user.
     *
     * @param logins the credentials a chart folder's remote dependencies are fetched with
     */
    Located locate(ChartSource source, DependencyLogins logins) throws ChartNotFoundException {
        if (source instanceof ChartLocation location) {
            return new Located(charts.locate(commit, location, logins), commit);
        }
        if (source instanceof GitChart git) {
            CommitSnapshot other = otherRepository(git);
            return new Located(charts.locate(other, git.path(), logins), other);
        }
        if (source instanceof OciChart chart) {
            return new Located(registries.fetch(chart), null);
        }
        return new Located(helmRepositories.fetch((RepositoryChart) source), null);
    }

    private synchronized CommitSnapshot otherRepository(GitChart git) throws ChartNotFoundException {
        GitChartCommit key = new GitChartCommit(git.url(), git.ref().toString());
        CommitSnapshot known = otherRepositories.get(key);
        if (known != null) {
            return known;
        }
        try {
            outbound.check(git.field() + ": the chart's repository", git.url());
        } catch (OutboundRefusedException e) {
            throw new ChartNotFoundException(e.getMessage());
        }
        try {
            CommitSnapshot snapshot = chartRepositories.snapshotAt(git.url(), git.ref(), git.auth());
            otherRepositories.put(key, snapshot);
            return snapshot;
        } catch (RepositoryUnavailableException e) {
            throw new ChartNotFoundException(git.field() + ": the chart's repository " + git.url() + " at " + git.ref()
                    + " cannot be read: " + e.getMessage());
        }
    }

    OutboundPolicy outbound() {
        return outbound;
    }

    /**
     * @param snapshot the commit whose folder the chart is, for writing it out and reading its files; null for
     *                 a packaged chart
     */
    record Located(ChartFolder chart, CommitSnapshot snapshot) {
    }

    private record GitChartCommit(String url, String ref) {
    }
}
