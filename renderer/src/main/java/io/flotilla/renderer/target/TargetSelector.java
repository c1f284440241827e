package io.flotilla.renderer.target;

import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

import io.flotilla.events.ClusterRef;

/**
 * The folder conventions, which hold for a repository without a targeting file and for a release no entry of the
 * file matches ({@link io.flotilla.renderer.targeting.Targeting}): the clusters a release goes to are decided by the
 * folder that declares it:
 * {@code clusters/<name>/...} targets only that cluster, {@code releases/<env>/...} the clusters labelled
 * {@code env=<env>}, and any other folder every cluster of the fleet.
 */
public final class TargetSelector {

    /** The first folder of a path names the rule; the second is what the rule matches clusters against. */
    private static final Map<String, BiPredicate<ClusterRef, String>> RULES = Map.of(
            "clusters", (cluster, name) -> cluster.name().equals(name),
            "releases", (cluster, env) -> cluster.hasLabel("env", env));

    private TargetSelector() {
    }

    /**
     * @param folder the folder of the declaring file, relative to the repository root ({@code ""} for the root)
     * @param fleet  every registered cluster
     */
    public static List<ClusterRef> targets(String folder, List<ClusterRef> fleet) {
        String[] segments = folder.split("/");
        BiPredicate<ClusterRef, String> rule = segments.length >= 2 ? RULES.get(segments[0]) : null;
        if (rule == null) {
            return List.copyOf(fleet);
        }
        return fleet.stream().filter(cluster -> rule.test(cluster, segments[1])).toList();
    }
}
