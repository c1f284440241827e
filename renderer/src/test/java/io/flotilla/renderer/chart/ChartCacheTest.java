package io.flotilla.renderer.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.events.CommitDetected;
import io.flotilla.renderer.ConfigRepository;
import io.flotilla.renderer.release.ChartLocation;
import io.flotilla.renderer.release.DependencyLogins;
import io.flotilla.renderer.source.CommitSnapshot;
import io.flotilla.renderer.source.RepositoryCache;

class ChartCacheTest {

    @TempDir
    Path temp;

    private ConfigRepository repo;
    private RepositoryCache clones;
    private ChartCache charts;

    @BeforeEach
    void setUp() {
        repo = ConfigRepository.in(temp.resolve("fleet")).chart("app", "charts/app");
        clones = new RepositoryCache(temp.resolve("clones"));
        charts = new ChartCache(temp.resolve("charts"), new ChartsOnDisk(Long.MAX_VALUE));
    }

    @AfterEach
    void tearDown() {
        clones.close();
        repo.close();
    }

    @Test
    void writesTheChartFolderOutForHelm() throws Exception {
        CommitSnapshot snapshot = snapshot(repo.commit("chart"));
        ChartFolder chart = charts.locate(snapshot, new ChartLocation("./charts/app/", "spec.chart.path"), DependencyLogins.NONE);

        Path dir = charts.materialise(snapshot, chart);

        assertThat(chart.name()).isEqualTo("app");
        assertThat(chart.version()).isEqualTo("1.4.0");
        assertThat(chart.digest()).isEqualTo(snapshot.folderId("charts/app").orElseThrow().getName());
        assertThat(dir).isEqualTo(temp.resolve("charts").resolve(chart.digest()).resolve("app"));
        assertThat(dir.resolve("templates/deployment.yaml"))
                .hasSameTextualContentAs(ConfigRepository.testChart("app").resolve("templates/deployment.yaml"));
        assertThat(dir.resolve("Chart.yaml")).exists();
    }

    @Test
    void keepsTheChartsUsedMostRecentlyThatFitInItsBytesWhenTrimmed() throws Exception {
        Path app = ConfigRepository.testChart("app");
        long chartBytes = bytes(app) - Files.size(app.resolve("values.yaml")) + "replicas: 1\n".length();
        ChartsOnDisk disk = new ChartsOnDisk(2 * chartBytes + chartBytes / 2);
        ChartCache small = new ChartCache(temp.resolve("small"), disk);
        List<Path> written = new ArrayList<>();
        List<ChartFolder> charts = new ArrayList<>();
        for (String replicas : List.of("1", "2", "3")) {
            repo.write("charts/app/values.yaml", "replicas: " + replicas + "\n");
            CommitSnapshot snapshot = snapshot(repo.commit("replicas " + replicas));
            ChartFolder chart = small.locate(snapshot, new ChartLocation("charts/app", "spec.chart.path"), DependencyLogins.NONE);
            charts.add(chart);
            written.add(small.materialise(snapshot, chart));
        }
        CommitSnapshot head = snapshot(repo.commit("nothing new"));
        small.materialise(head, charts.get(0));

        disk.trim();

        assertThat(written.get(0)).as("used again last").isDirectory();
        assertThat(written.get(1)).as("used least recently").doesNotExist();
        assertThat(written.get(2)).isDirectory();
    }

    @Test
    void keepsOneCopyOfTheSameChartWhereverAndWheneverItIs() throws Exception {
        CommitSnapshot first = snapshot(repo.commit("chart"));
        CommitSnapshot second = snapshot(repo.chart("app", "vendor/app-copy").write("x.yaml", "a: 1\n").commit("copy"));

        Path atFirst = charts.materialise(first, charts.locate(first, new ChartLocation("charts/app", "f"), DependencyLogins.NONE));
        Path copied = charts.materialise(second, charts.locate(second, new ChartLocation("vendor/app-copy", "f"), DependencyLogins.NONE));

        assertThat(copied).isEqualTo(atFirst);
        try (var entries = Files.list(temp.resolve("charts"))) {
            assertThat(entries).hasSize(1);
        }
    }

    @Test
    void writesAChangedChartToANewFolder() throws Exception {
        CommitSnapshot first = snapshot(repo.commit("chart"));
        CommitSnapshot second = snapshot(repo.write("charts/app/values.yaml", "replicas: 2\n").commit("values"));

        Path before = charts.materialise(first, charts.locate(first, new ChartLocation("charts/app", "f"), DependencyLogins.NONE));
        Path after = charts.materialise(second, charts.locate(second, new ChartLocation("charts/app", "f"), DependencyLogins.NONE));

        assertThat(after).isNotEqualTo(before);
        assertThat(after.resolve("values.yaml")).hasContent("replicas: 2");
        assertThat(before.resolve("values.yaml")).content().contains("registry.example.com/app");
    }

    @Test
    void refusesAChartPathThatLeavesTheRepository() {
        CommitSnapshot snapshot = snapshot(repo.commit("chart"));

        assertThatThrownBy(() -> charts.locate(snapshot, new ChartLocation("charts/../../etc", "spec.chart.path"), DependencyLogins.NONE))
                .isInstanceOf(ChartNotFoundException.class)
                .hasMessage("spec.chart.path 'charts/../../etc' points outside the repository");
    }

    @Test
    void refusesAFolderThatIsNotAChart() {
        CommitSnapshot snapshot = snapshot(repo.commit("chart"));

        assertThatThrownBy(() -> charts.locate(snapshot, new ChartLocation("charts", "spec.chart.path"), DependencyLogins.NONE))
                .isInstanceOf(ChartNotFoundException.class)
                .hasMessage("spec.chart.path 'charts' is not a chart: it has no Chart.yaml at " + snapshot.shortSha());
    }

    private static long bytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            long total = 0;
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                total += Files.size(file);
            }
            return total;
        }
    }

    private CommitSnapshot snapshot(CommitDetected commit) {
        return clones.snapshot(commit.repository(), commit.sha());
    }
}
