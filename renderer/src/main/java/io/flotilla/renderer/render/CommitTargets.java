package io.flotilla.renderer.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

import io.flotilla.events.ClusterRef;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.Rollout;
import io.flotilla.events.Tenant;
import io.flotilla.renderer.release.DeclaredRelease;
import io.flotilla.renderer.targeting.TargetEntry;
import io.flotilla.renderer.targeting.Targeting;
import io.flotilla.renderer.targeting.TargetingFile;
import io.flotilla.renderer.targeting.TargetingReport;
import io.flotilla.renderer.targeting.TenantDeclaration;
import io.flotilla.renderer.targeting.Waves;

/**
 * Every release of a commit on every cluster of the fleet it targets, computed over the whole fleet even when only
 * one cluster is rendered, so that a cluster's wave and the wave before it are the same whichever clusters render.
 * A release is one per cluster: the same namespace/name declared twice is a conflict only where both declarations
 * target the same cluster.
 */
final class CommitTargets {

    private final Map<ReleaseKey, List<Target>> byKey;
    private final Map<String, Waves> wavesByEntry;
    /** The clusters each entry renders each namespace/name on, which waves are taken among. */
    private final Map<EntryRelease, Set<String>> rendering;
    private final List<TargetingReport.Warning> warnings;

    private CommitTargets(Map<ReleaseKey, List<Target>> byKey, Map<String, Waves> wavesByEntry,
            Map<EntryRelease, Set<String>> rendering, List<TargetingReport.Warning> warnings) {
        this.byKey = byKey;
        this.wavesByEntry = wavesByEntry;
        this.rendering = rendering;
        this.warnings = warnings;
    }

    static CommitTargets of(List<DeclaredRelease> releases, Targeting targeting, List<ClusterRef> fleet) {
        Map<ReleaseKey, List<Target>> byKey = new LinkedHashMap<>();
        Map<EntryRelease, Set<String>> rendering = new HashMap<>();
        List<TargetingReport.Warning> warnings = new ArrayList<>();
        for (DeclaredRelease release : releases) {
            // A folder of plain manifests is one release: its folder is what declares it.
            String path = release.format() == ReleaseFormat.MANIFESTS ? release.folder() : release.sourceFile();
            Targeting.Selection selection = targeting.select(path, release.folder(), fleet);
            Optional<TenantDeclaration> tenant = targeting.tenantOf(path);
            TargetEntry entry = selection.entry();
            if (entry != null && selection.clusters().isEmpty()) {
                warnings.add(new TargetingReport.Warning(entry.name(), release.namespace() + "/" + release.name(),
                        release.sourceFile(), release.sourceFile() + ": release " + release.namespace() + "/"
                                + release.name() + " goes to no cluster: entry '" + entry.name() + "' of "
                                + TargetingFile.NAME + " (line " + entry.line() + ") selects none of the fleet"));
            }
            for (ClusterRef cluster : selection.clusters()) {
                ReleaseKey key = new ReleaseKey(cluster.name(), release.namespace(), release.name());
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Target(cluster, release, entry,
                        tenant.map(declared -> declared.on(cluster.name())).orElse(null)));
                if (entry != null && entry.rollout() != null) {
                    rendering.computeIfAbsent(new EntryRelease(entry.name(), release.namespace(), release.name()),
                            k -> new TreeSet<>()).add(cluster.name());
                }
            }
        }
        Map<String, Waves> waves = new HashMap<>();
        for (TargetEntry entry : targeting.entries()) {
            if (entry.rollout() != null) {
                waves.put(entry.name(), Waves.of(entry, fleet));
            }
        }
        return new CommitTargets(byKey, waves, rendering, List.copyOf(warnings));
    }

    /** Each release on each cluster, with every declaration that targets it there. */
    Map<ReleaseKey, List<Target>> byKey() {
        return byKey;
    }

    List<TargetingReport.Warning> warnings() {
        return warnings;
    }

    /**
     * Where the release on {@code target}'s cluster stands in its entry's rollout; null when the entry has no waves.
     *
     * @param orderOf the commit order of the rendering published (or being published) for a release on a cluster
     */
    Rollout rollout(Target target, ToLongFunction<ReleaseKey> orderOf) {
        TargetEntry entry = target.entry();
        if (entry == null || entry.rollout() == null) {
            return null;
        }
        Waves waves = wavesByEntry.get(entry.name());
        String cluster = target.cluster().name();
        DeclaredRelease release = target.release();
        Set<String> clusters = rendering.getOrDefault(new EntryRelease(entry.name(), release.namespace(),
                release.name()), Set.of());
        Map<String, Long> previousWave = new LinkedHashMap<>();
        for (String before : waves.previousWave(cluster, clusters)) {
            previousWave.put(before, orderOf.applyAsLong(new ReleaseKey(before, release.namespace(), release.name())));
        }
        int wave = waves.waveOf(cluster);
        return new Rollout(entry.name(), wave, waves.name(wave), entry.rollout().soak().toSeconds(), previousWave);
    }

    /**
     * A declaration of a release sent to a cluster.
     *
     * @param entry  the targeting file's entry that sends it; null under the folder conventions
     * @param tenant the tenant whose folders declare it, as on that cluster; null for the platform team's
     */
    record Target(ClusterRef cluster, DeclaredRelease release, TargetEntry entry, Tenant tenant) {
    }

    private record EntryRelease(String entry, String namespace, String name) {
    }
}
