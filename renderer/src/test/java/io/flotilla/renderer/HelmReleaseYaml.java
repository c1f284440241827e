package io.flotilla.renderer;

/** HelmRelease documents as users write them, in both Flux formats. */
public final class HelmReleaseYaml {

    /**
     * How the HelmReleases and GitRepository above name the repository they are written in; {@link ConfigRepository}
     * writes its own location there, as a user writes their repository's URL.
     */
    public static final String THIS_REPOSITORY = "https://git.example.com/fleet.git";

    private HelmReleaseYaml() {
    }

    /** A Flux v1 HelmRelease of a chart in this repository; {@code spec} lines are added under spec (indent 2). */
    public static String fluxV1(String namespace, String name, String chartPath, String spec) {
        return """
                apiVersion: helm.fluxcd.io/v1
                kind: HelmRelease
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  chart:
                    git: %s
                    ref: main
                    path: %s
                %s""".formatted(name, namespace, THIS_REPOSITORY, chartPath, spec.indent(2));
    }

    /** A Flux v2 HelmRelease of a chart in GitRepository {@code flux-system/fleet}. */
    public static String fluxV2(String namespace, String name, String chartPath, String spec) {
        return """
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  interval: 5m
                  chart:
                    spec:
                      chart: %s
                      sourceRef:
                        kind: GitRepository
                        name: fleet
                        namespace: flux-system
                %s""".formatted(name, namespace, chartPath, spec.indent(2));
    }

    /**
     * A Flux v2 HelmRelease {@code apps/name} of chart {@code app} at {@code version} (a semver range allowed) from
     * HelmRepository {@code flux-system/repository}; {@code spec} lines are added under spec (indent 2).
     */
    public static String fluxV2FromHelmRepository(String name, String repository, String version, String spec) {
        return """
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata:
                  name: %s
                  namespace: apps
                spec:
                  chart:
                    spec:
                      chart: app
                      version: "%s"
                      sourceRef:
                        kind: HelmRepository
                        name: %s
                        namespace: flux-system
                %s""".formatted(name, version, repository, spec.indent(2));
    }

    /** A HelmRepository {@code flux-system/name} at {@code url}; {@code spec} lines are added under spec (indent 2). */
    public static String helmRepository(String name, String url, String spec) {
        return """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmRepository
                metadata:
                  name: %s
                  namespace: flux-system
                spec:
                  url: %s
                %s""".formatted(name, url, spec.indent(2));
    }

    /** The GitRepository source v2 HelmReleases above refer to. */
    public static String fleetSource() {
        return """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata:
                  name: fleet
                  namespace: flux-system
                spec:
                  interval: 1m
                  url: %s
                  ref:
                    branch: main
                """.formatted(THIS_REPOSITORY);
    }

    /** Inline values setting the image tag of the test chart {@code app}. */
    public static String imageTag(String tag) {
        return """
                values:
                  image:
                    tag: "%s"
                """.formatted(tag);
    }
}
