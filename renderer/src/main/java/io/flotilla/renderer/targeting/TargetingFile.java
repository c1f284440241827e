package io.flotilla.renderer.targeting;

import java.util.List;

/**
 * The repository's targeting file, {@value #NAME} at its root:
 *
 * <pre>
 * apiVersion: flotilla.io/v1
 * kind: Targeting
 * targets:
 *   - name: common
 *     paths: ["flux/common/**"]
 *     clusters: {matchLabels: {env: prod}}
 *     exclude: {names: [eu-9]}
 *     customizations:
 *       - clusters: {matchLabels: {region: eu}}
 *         values: {replicaCount: 3}
 *     rollout:
 *       soak: 2m
 *       waves:
 *         - {name: canary, clusters: {names: [eu-1]}}
 *         - {name: rest, clusters: {matchLabels: {env: prod}}, batch: 25%}
 *   - name: per-cluster
 *     paths: ["flux/cluster_{cluster}/**"]
 * tenants:
 *   - name: team-a
 *     paths: ["teams/a/**"]
 *     namespaces: [team-a, "team-a-*"]
 * </pre>
 *
 * Tenants ({@link TenantDeclaration}) are declared here and nowhere else, so only who may change this file (the
 * platform team: the repository's branch protection or code owners) may say what a tenant owns; and no tenant's
 * folders may take this file in.
 *
 * Read strictly: an unknown field, a field of the wrong kind or an operator Kubernetes does not know fails the
 * whole file with its line, rather than send releases where the author did not mean.
 */
public record TargetingFile(List<TargetEntry> entries, List<TenantDeclaration> tenants) {

    public static final String NAME = "flotilla.yaml";
    public static final String API_VERSION = "flotilla.io/v1";
    public static final String KIND = "Targeting";

    public TargetingFile {
        entries = List.copyOf(entries);
        tenants = List.copyOf(tenants);
    }

    /** @throws InvalidTargetingException naming the line and the reason */
    public static TargetingFile parse(String text) throws InvalidTargetingException {
        return TargetingFileReader.read(YamlNode.parse(text));
    }
}
