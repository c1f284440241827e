package io.flotilla.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flotilla.launcher.fleet.ExampleFleet;
import io.flotilla.launcher.stack.Folders;
import io.flotilla.launcher.stack.StackOptions;
import io.flotilla.testing.fixtures.HelmReleaseYaml;
import io.flotilla.testing.git.GitRepo;

/**
 * A generated fleet repository for measurements: the example chart and N HelmReleases under
 * {@code apps/} (so every cluster gets every release), alternating the Flux v1 and v2 formats.
 */
final class FleetFixture {

    static final String NAMESPACE = "bench";
    private static final String CHART = "charts/hello";
    /** A chart of its own for the one release {@link #writeSharedChart} changes the chart of. */
    private static final String SHARED_CHART = "charts/shared";
    static final String SHARED_RELEASE = "shared";

    private final GitRepo repo;
    private final Path exampleChart;

    FleetFixture(GitRepo repo, Path exampleChart) {
        this.repo = repo;
        this.exampleChart = exampleChart;
        repo.copyFrom(exampleChart, CHART);
        repo.write("sources/fleet.yaml", HelmReleaseYaml.fleetSource());
    }

    /**
     * A new fleet repository in {@code stateDir/fleet} (an older one deleted) holding the example chart, committed:
     * what a benchmark's stack starts watching.
     */
    static FleetFixture freshIn(Path home, Path stateDir) {
        Path repoDir = stateDir.resolve("fleet");
        Folders.deleteRecursively(repoDir);
        FleetFixture fleet = new FleetFixture(GitRepo.init(repoDir),
                home.resolve("examples").resolve("fleet").resolve("charts").resolve("hello"));
        fleet.commit("Chart only");
        return fleet;
    }

    /** {@code count} simulated clusters named by {@code format} (given 1, 2...), each labelled {@code env=bench}. */
    static Map<String, Map<String, String>> clusters(String format, int count) {
        Map<String, Map<String, String>> clusters = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            clusters.put(String.format(format, i), Map.of("env", "bench"));
        }
        return clusters;
    }

    /** The stack a benchmark starts on this repository: every service, polling every 5 s, its own database. */
    StackOptions stack(Path home, Path stateDir, Map<String, Map<String, String>> clusters, String database) {
        return new StackOptions(home, stateDir, repo.dir().toString(), GitRepo.BRANCH, clusters, null, List.of(), 0,
                true, Duration.ofSeconds(5), database);
    }

    static String releaseName(int index) {
        return String.format("app-%04d", index);
    }

    void writeRelease(int index, String message) {
        String name = releaseName(index);
        String spec = HelmReleaseYaml.releaseName(name) + HelmReleaseYaml.message(message);
        repo.write("apps/" + name + ".yaml", index % 2 == 0
                ? HelmReleaseYaml.fluxV1(NAMESPACE, name, CHART, spec)
                : HelmReleaseYaml.fluxV2(NAMESPACE, name, CHART, spec));
    }

    /**
     * The chart {@code charts/shared} (the example chart plus a ConfigMap naming {@code revision}) and, the first
     * time, the release {@value #SHARED_RELEASE} of it under {@code apps/}, so on every cluster: a commit changing
     * only a chart, which every cluster's release of it then takes.
     */
    void writeSharedChart(String revision) {
        if (!repo.dir().resolve(SHARED_CHART).toFile().isDirectory()) {
            repo.copyFrom(exampleChart, SHARED_CHART);
            repo.write("apps/" + SHARED_RELEASE + ".yaml", HelmReleaseYaml.fluxV2(NAMESPACE, SHARED_RELEASE,
                    SHARED_CHART, HelmReleaseYaml.releaseName(SHARED_RELEASE)));
        }
        repo.write(SHARED_CHART + "/templates/revision.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-revision
                data:
                  revision: "%s"
                """.formatted(revision));
    }

    /**
     * A Secret in the chart every release uses, its data the release's message: so that each rendering has Secret
     * data to seal and each apply data to open.
     */
    void addSecretToTheChart() {
        repo.write(CHART + "/templates/secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: {{ .Release.Name }}-secret
                type: Opaque
                data:
                  message: {{ .Values.message | b64enc | quote }}
                """);
    }

    String commit(String message) {
        ExampleFleet.pointAtItself(repo.dir());
        return repo.commit(message);
    }

    Path dir() {
        return repo.dir();
    }
}
