package io.flotilla.bench;

import java.nio.file.Path;

import io.flotilla.launcher.fleet.ExampleFleet;
import io.flotilla.testing.fixtures.HelmReleaseYaml;
import io.flotilla.testing.git.GitRepo;

/**
 * A generated fleet repository for measurements: the example chart and N HelmReleases under
 * {@code apps/} (so every cluster gets every release), alternating the Flux v1 and v2 formats.
 */
final class FleetFixture {

    static final String NAMESPACE = "bench";
    private static final String CHART = "charts/hello";

    private final GitRepo repo;

    FleetFixture(GitRepo repo, Path exampleChart) {
        this.repo = repo;
        repo.copyFrom(exampleChart, CHART);
        repo.write("sources/fleet.yaml", HelmReleaseYaml.fleetSource());
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

    String commit(String message) {
        ExampleFleet.pointAtItself(repo.dir());
        return repo.commit(message);
    }

    Path dir() {
        return repo.dir();
    }
}
