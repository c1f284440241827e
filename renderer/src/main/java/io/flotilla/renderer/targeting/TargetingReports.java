package io.flotilla.renderer.targeting;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.flotilla.events.ClusterRef;

/**
 * How every repository rendered was last targeted: written by the render lane at each render, read by the API with
 * the clusters each entry selects in the fleet as it is at that moment.
 */
public final class TargetingReports {

    private final Map<String, Targeted> byRepository = new ConcurrentHashMap<>();

    /**
     * @param file     {@value TargetingFile#NAME} when the repository has one, else null
     * @param error    why the file cannot be used; null when it can
     * @param warnings the releases that went to no cluster
     */
    public void put(String repository, String sha, String file, String error, List<TargetEntry> entries,
            List<TenantDeclaration> tenants, List<TargetingReport.Warning> warnings) {
        byRepository.put(repository, new Targeted(repository, sha, file, error, List.copyOf(entries),
                List.copyOf(tenants), List.copyOf(warnings)));
    }

    /** Every repository's report, by repository, its entries matched against {@code fleet}. */
    public List<TargetingReport> all(List<ClusterRef> fleet) {
        return byRepository.values().stream().sorted(Comparator.comparing(Targeted::repository))
                .map(targeted -> targeted.report(fleet)).toList();
    }

    private record Targeted(String repository, String sha, String file, String error, List<TargetEntry> entries,
            List<TenantDeclaration> tenants, List<TargetingReport.Warning> warnings) {

        TargetingReport report(List<ClusterRef> fleet) {
            return new TargetingReport(repository, sha, file, error, entries.stream()
                    .map(entry -> new TargetingReport.EntryReport(entry.name(),
                            entry.paths().stream().map(PathGlob::toString).toList(),
                            fleet.stream().filter(entry::selects).map(ClusterRef::name).toList(),
                            entry.rollout() != null))
                    .toList(), tenants.stream().map(tenant -> new TargetingReport.TenantReport(tenant.name(),
                            tenant.paths().stream().map(PathGlob::toString).toList(), tenant.namespaces(),
                            tenant.kinds(), tenant.serviceAccount().namespace() + "/"
                                    + tenant.serviceAccount().name()))
                    .toList(), warnings);
        }
    }
}
