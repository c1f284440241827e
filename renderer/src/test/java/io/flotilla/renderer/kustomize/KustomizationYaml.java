package io.flotilla.renderer.kustomize;

/** Flux Kustomizations as tests write them into a repository. */
public final class KustomizationYaml {

    private KustomizationYaml() {
    }

    /**
     * A Kustomization {@code flux-system/name} of {@code path} in the watched repository (GitRepository
     * {@code flux-system}, as flux bootstrap names it); {@code spec} lines are added under spec (indent 2).
     */
    public static String kustomization(String name, String path, String spec) {
        return """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: %s
                  namespace: flux-system
                spec:
                  interval: 5m
                  sourceRef:
                    kind: GitRepository
                    name: flux-system
                  path: %s
                  prune: true
                %s""".formatted(name, path, spec.indent(2));
    }
}
