package io.flotilla.renderer;

import io.flotilla.testing.fixtures.HelmReleaseYaml;

/**
 * HelmRelease documents the renderer's tests write beyond {@link HelmReleaseYaml}'s: a release whose spec a test
 * writes itself, and a Flux v1 release of a chart in another Git repository.
 */
public final class HelmReleaseFiles {

    public static final String FLUX_V1 = "helm.fluxcd.io/v1";
    public static final String FLUX_V2 = "helm.toolkit.fluxcd.io/v2";

    private HelmReleaseFiles() {
    }

    /** A HelmRelease {@code namespace/name} of {@code apiVersion}; {@code spec} lines go under spec (indent 2). */
    public static String helmRelease(String apiVersion, String namespace, String name, String spec) {
        return """
                apiVersion: %s
                kind: HelmRelease
                metadata:
                  name: %s
                  namespace: %s
                spec:
                %s""".formatted(apiVersion, name, namespace, spec.indent(2));
    }

    /** A Flux v1 HelmRelease {@code apps/app} of chart {@code charts/app} in repository {@code git} at {@code ref}. */
    public static String fluxV1FromGit(String git, String ref) {
        return helmRelease(FLUX_V1, "apps", "app", """
                chart:
                  git: %s
                  ref: %s
                  path: charts/app
                """.formatted(git, ref));
    }
}
