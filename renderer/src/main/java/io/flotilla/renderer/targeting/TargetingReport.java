package io.flotilla.renderer.targeting;

import java.util.List;

/**
 * How one repository's releases were targeted at its last commit rendered, for {@code GET /api/targeting}: the
 * entries of its targeting file with the clusters each selects, its tenants, and the warnings (a release whose entry
 * selects no cluster, so that it is rendered nowhere).
 *
 * @param file  {@value TargetingFile#NAME} when the repository has one; null when its folder conventions hold
 * @param error why the file cannot be used (its line and reason); null when it can
 */
public record TargetingReport(String repository, String sha, String file, String error, List<EntryReport> entries,
        List<TenantReport> tenants, List<Warning> warnings) {

    public TargetingReport {
        entries = List.copyOf(entries);
        tenants = List.copyOf(tenants);
        warnings = List.copyOf(warnings);
    }

    /**
     * @param clusters the clusters of the fleet the entry's selector takes (and its exclusion leaves); for an
     *                 entry whose paths hold {@code {cluster}}, each release goes to the one of them its folder names
     */
    public record EntryReport(String name, List<String> paths, List<String> clusters, boolean waves) {
    }

    /** A tenant as declared: its folders, namespaces, kinds, and its service account where no cluster says another. */
    public record TenantReport(String name, List<String> paths, List<String> namespaces, List<String> kinds,
            String serviceAccount) {
    }

    /** @param release the release's namespace/name */
    public record Warning(String entry, String release, String file, String message) {
    }
}
