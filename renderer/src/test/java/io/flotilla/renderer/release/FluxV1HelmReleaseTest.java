package io.flotilla.renderer.release;

import static io.flotilla.renderer.HelmReleaseFiles.fluxV1FromGit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flotilla.renderer.release.DeclaredRelease.HelmChart;
import io.flotilla.renderer.source.GitRef;

class FluxV1HelmReleaseTest {

    private static final String WATCHED = "https://github.com/org/repo";

    @Test
    void takesAChartGitWrittenAsAnScpLikeSshLocationForTheWatchedRepository() throws Exception {
        assertThat(chartOf(fluxV1FromGit("git@github.com:org/repo", "main"))).isEqualTo(
                new ChartLocation("charts/app", FluxV1HelmRelease.CHART_PATH));
        assertThat(chartOf(fluxV1FromGit("ssh://git@github.com/org/repo.git", "main"))).isEqualTo(
                new ChartLocation("charts/app", FluxV1HelmRelease.CHART_PATH));
    }

    @Test
    void fetchesAChartGitOfAnotherRepository() throws Exception {
        assertThat(chartOf(fluxV1FromGit("git@github.com:org/charts", "main"))).isEqualTo(
                new GitChart("git@github.com:org/charts", new GitRef(GitRef.Kind.NAME, "main"),
                        new ChartLocation("charts/app", FluxV1HelmRelease.CHART_PATH)));
    }

    @SuppressWarnings("unchecked")
    private static ChartSource chartOf(String yaml) throws Exception {
        Map<String, Object> object = (Map<String, Object>) YamlDocuments.parse(yaml).get(0);
        DeclaredRelease release = FluxV1HelmRelease.read("releases/app.yaml", "releases", 1, object,
                new RepositoryValues(), WATCHED);
        return ((HelmChart) release.content()).chart();
    }
}
