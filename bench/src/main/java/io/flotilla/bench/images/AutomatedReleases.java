package io.flotilla.bench.images;

/**
 * The automated releases of the benchmark's fleet, as teams write them: Flux v1 HelmReleases of the example chart
 * with {@code fluxcd.io/automated} and a semver filter (moved by registry webhooks, or at the default scan
 * interval), and a Flux v2 ImageRepository scanned on its own short {@code interval} with its ImagePolicy,
 * ImageUpdateAutomation and a setter marker on a release's tag (the poll path).
 */
public final class AutomatedReleases {

    private final String remote;
    private final String registry;

    /** Releases of the chart in {@code remote} running images of {@code registry}. */
    public AutomatedReleases(String remote, String registry) {
        this.remote = remote;
        this.registry = registry;
    }

    /** A Flux v1 HelmRelease {@code namespace/name} running {@code repository:tag}, automated with {@code filter}. */
    public String fluxV1(String namespace, String name, String repository, String filter, String tag) {
        return """
                apiVersion: helm.fluxcd.io/v1
                kind: HelmRelease
                metadata:
                  name: %s
                  namespace: %s
                  annotations:
                    fluxcd.io/automated: "true"
                    filter.fluxcd.io/chart-image: %s
                spec:
                  releaseName: %1$s
                  chart:
                    git: %s
                    ref: main
                    path: charts/hello
                  values:
                    image:
                      repository: %s/%s
                      tag: "%s"
                """.formatted(name, namespace, filter, remote, registry, repository, tag);
    }

    /**
     * The Flux v2 objects that scan {@code repository} every {@code interval} and move a setter-marked tag under
     * {@code path}: ImageRepository, ImagePolicy ({@code semver} {@code range}) and ImageUpdateAutomation.
     */
    public String fluxV2Automation(String name, String repository, String interval, String range, String path) {
        return """
                apiVersion: image.toolkit.fluxcd.io/v1beta2
                kind: ImageRepository
                metadata:
                  name: %1$s
                  namespace: flux-system
                spec:
                  image: %2$s/%3$s
                  interval: %4$s
                ---
                apiVersion: image.toolkit.fluxcd.io/v1beta2
                kind: ImagePolicy
                metadata:
                  name: %1$s
                  namespace: flux-system
                spec:
                  imageRepositoryRef:
                    name: %1$s
                  policy:
                    semver:
                      range: "%5$s"
                ---
                apiVersion: image.toolkit.fluxcd.io/v1beta1
                kind: ImageUpdateAutomation
                metadata:
                  name: %1$s
                  namespace: flux-system
                spec:
                  update:
                    path: ./%6$s
                """.formatted(name, registry, repository, interval, range, path);
    }

    /** A HelmRelease {@code namespace/name} whose tag the ImagePolicy {@code flux-system/policy} moves. */
    public String markedRelease(String namespace, String name, String repository, String policy, String tag) {
        return """
                apiVersion: helm.fluxcd.io/v1
                kind: HelmRelease
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  releaseName: %1$s
                  chart:
                    git: %s
                    ref: main
                    path: charts/hello
                  values:
                    image:
                      repository: %s/%s
                      tag: "%s" # {"$imagepolicy": "flux-system:%s:tag"}
                """.formatted(name, namespace, remote, registry, repository, tag, policy);
    }
}
