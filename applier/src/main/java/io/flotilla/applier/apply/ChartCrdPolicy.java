package io.flotilla.applier.apply;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.flotilla.applier.hook.HookPhase;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.CrdPolicy;
import io.flotilla.events.ObjectRef;

/**
 * What an action does with the CustomResourceDefinitions of a chart's {@code crds/} folders, as Helm and
 * helm-controller do: an install follows {@code spec.install.crds}, an upgrade {@code spec.upgrade.crds} (Skip unless
 * the release says, as Flux), a rollback leaves them alone, as {@code helm rollback} does. {@code Create} creates
 * those missing and leaves those on the cluster as they are, {@code CreateReplace} applies them all, {@code Skip}
 * leaves them all alone. A CRD the chart templates is none of these: it follows the release like any object. What is
 * left alone is not pruned either: Helm never deletes a chart's {@code crds/}.
 */
final class ChartCrdPolicy {

    private ChartCrdPolicy() {
    }

    /** The policy {@code phase} follows for the release's chart CRDs. */
    static CrdPolicy of(DesiredRelease desired, HookPhase phase) {
        return switch (phase) {
            case INSTALL -> desired.options().crds();
            case UPGRADE -> desired.options().upgradeCrds();
            case ROLLBACK, DELETE -> CrdPolicy.SKIP;
        };
    }

    /**
     * The chart CRDs among the decoded {@code objects} (the first {@link DesiredRelease#chartCrds()} of them) that
     * {@code phase} leaves alone; {@code onCluster} says whether one is there already, asked only under Create.
     */
    static List<ObjectRef> leftAlone(DesiredRelease desired, HookPhase phase, List<GenericKubernetesResource> objects,
            Predicate<ObjectRef> onCluster) {
        List<ObjectRef> chartCrds = objects.subList(0, Math.min(desired.chartCrds(), objects.size())).stream()
                .map(ReleaseApply::refOf).toList();
        return switch (of(desired, phase)) {
            case SKIP -> chartCrds;
            case CREATE -> chartCrds.stream().filter(onCluster).toList();
            case CREATE_REPLACE -> List.of();
        };
    }

    /** The {@code objects} to apply: all but those {@code leftAlone}. */
    static List<GenericKubernetesResource> without(List<GenericKubernetesResource> objects, List<ObjectRef> leftAlone) {
        Set<ObjectRef.Identity> alone = leftAlone.stream().map(ObjectRef::identity).collect(Collectors.toSet());
        return objects.stream().filter(object -> !alone.contains(ReleaseApply.refOf(object).identity())).toList();
    }
}
