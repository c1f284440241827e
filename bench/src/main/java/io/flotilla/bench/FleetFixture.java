package io.flotilla.bench;

import java.nio.file.Path;

import io.flotilla.launcher.fleet.ExampleFleet;
import io.flotilla.testing.git.GitRepo;

/**
 * A generated fleet repository for measurements: the example chart and N HelmReleases under
 * {@code apps/} (so every cluster gets every release), alternating the Flux v1 and v2 formats.
 */
final class FleetFixture {

    static final String NAMESPACE = "bench";

    private final GitRepo repo;

    FleetFixture(GitRepo repo, Path exampleChart) {
        this.repo = repo;
        repo.copyFrom(exampleChart, "charts/hello");
        repo.write("sources/fleet.yaml", """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata:
                  name: fleet
                  namespace: flux-system
                spec:
                  url: https://git.example.com/bench/fleet
                  ref: {branch: main}
                """);
    }

    static String releaseName(int index) {
        return String.format("app-%04d", index);
    }

    void writeRelease(int index, String message) {
        String name = releaseName(index);
        String release = index % 2 == 0 ? """
                apiVersion: helm.fluxcd.io/v1
                kind: HelmRelease
                metadata:
                  name: %1$s
                  namespace: %2$s
                spec:
                  releaseName: %1$s
                  chart:
                    git: https://git.example.com/bench/fleet
                    path: charts/hello
                    ref: main
                  values:
                    message: "%3$s"
                """ : """
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata:
                  name: %1$s
                  namespace: %2$s
                spec:
                  releaseName: %1$s
                  chart:
                    spec:
                      chart: charts/hello
                      sourceRef: {kind: GitRepository, name: fleet, namespace: flux-system}
                  values:
                    message: "%3$s"
                """;
        repo.write("apps/" + name + ".yaml", release.formatted(name, NAMESPACE, message));
    }

    String commit(String message) {
        ExampleFleet.pointAtItself(repo.dir());
        return repo.commit(message);
    }

    Path dir() {
        return repo.dir();
    }
}
