package io.flotilla.renderer.targeting;

import java.util.List;
import java.util.Optional;

import io.flotilla.events.ClusterRef;
import io.flotilla.renderer.source.CommitSnapshot;
import io.flotilla.renderer.target.TargetSelector;

/**
 * Which clusters each release of a commit goes to: the first entry of the targeting file whose paths match the
 * release's declaring file (a folder of plain manifests: the folder) decides; a release no entry matches, and every
 * release of a repository without the file, follows the folder conventions ({@link TargetSelector}).
 */
public final class Targeting {

    /** A repository without a targeting file. */
    public static final Targeting CONVENTIONS = new Targeting(new TargetingFile(List.of(), List.of()));

    private final TargetingFile file;

    public Targeting(TargetingFile file) {
        this.file = file;
    }

    /**
     * The targeting of a commit: its file read and checked, or the conventions when it has none.
     *
     * @throws InvalidTargetingException when the file is there but cannot be used
     */
    public static Targeting of(CommitSnapshot snapshot) throws InvalidTargetingException {
        if (!snapshot.isFile(TargetingFile.NAME)) {
            return CONVENTIONS;
        }
        return new Targeting(TargetingFile.parse(snapshot.readText(TargetingFile.NAME)));
    }

    public List<TargetEntry> entries() {
        return file.entries();
    }

    public List<TenantDeclaration> tenants() {
        return file.tenants();
    }

    /**
     * The tenant whose folders hold the release's declaration; empty for a release of the platform team.
     *
     * @param path the file that declares the release, or the folder of a folder of plain manifests
     */
    public Optional<TenantDeclaration> tenantOf(String path) {
        return file.tenants().stream().filter(tenant -> tenant.owns(path)).findFirst();
    }

    /**
     * The clusters of {@code fleet} a release goes to, and the entry that says so (null: the conventions).
     *
     * @param path   the file that declares the release, or the folder of a folder of plain manifests
     * @param folder the folder of the declaration, which the conventions go by
     */
    public Selection select(String path, String folder, List<ClusterRef> fleet) {
        for (TargetEntry entry : file.entries()) {
            Optional<PathGlob.Match> match = entry.match(path);
            if (match.isPresent()) {
                String only = match.get().cluster();
                return new Selection(entry, fleet.stream()
                        .filter(cluster -> only == null || cluster.name().equals(only))
                        .filter(entry::selects).toList());
            }
        }
        return new Selection(null, TargetSelector.targets(folder, fleet));
    }

    /** @param entry the targeting file's entry that chose the clusters; null when the conventions did */
    public record Selection(TargetEntry entry, List<ClusterRef> clusters) {
    }
}
