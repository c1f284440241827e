package io.flotilla.applier.hook;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Helm's hook annotations: which objects are hooks, of which phases, in which order ({@code
 * helm.sh/hook-weight}, then name), and what happens to them after they ran ({@code
 * helm.sh/hook-delete-policy}, {@code before-hook-creation} when none is given). Helm's {@code test-success} is
 * its older name of {@code test}.
 */
public final class HelmHooks {

    public static final String HOOK = "helm.sh/hook";
    public static final String WEIGHT = "helm.sh/hook-weight";
    public static final String DELETE_POLICY = "helm.sh/hook-delete-policy";
    public static final String BEFORE_HOOK_CREATION = "before-hook-creation";
    public static final String HOOK_SUCCEEDED = "hook-succeeded";
    public static final String HOOK_FAILED = "hook-failed";
    /** The phase {@code helm test} runs, after an install or upgrade when the release asks for tests. */
    public static final String TEST = "test";
    private static final String TEST_SUCCESS = "test-success";

    private HelmHooks() {
    }

    public static boolean isHook(HasMetadata object) {
        return annotation(object, HOOK) != null;
    }

    /** The hooks of {@code phase} (such as {@code pre-install}), in the order Helm runs them. */
    public static List<HasMetadata> of(String phase, List<? extends HasMetadata> objects) {
        return objects.stream().filter(object -> phases(object).contains(phase))
                .<HasMetadata>map(object -> object)
                .sorted(Comparator.comparingInt(HelmHooks::weight)
                        .thenComparing(object -> object.getMetadata().getName()))
                .toList();
    }

    /** The phases the object is a hook of, as Helm names them. */
    public static Set<String> phases(HasMetadata object) {
        return values(object, HOOK).stream().map(phase -> TEST_SUCCESS.equals(phase) ? TEST : phase)
                .collect(Collectors.toSet());
    }

    public static Set<String> deletePolicies(HasMetadata object) {
        Set<String> policies = annotatedDeletePolicies(object);
        return policies.isEmpty() ? Set.of(BEFORE_HOOK_CREATION) : policies;
    }

    /** The delete policies as annotated, empty when none is: how Helm records them. */
    public static Set<String> annotatedDeletePolicies(HasMetadata object) {
        return values(object, DELETE_POLICY);
    }

    public static int weight(HasMetadata object) {
        String weight = annotation(object, WEIGHT);
        try {
            return weight == null ? 0 : Integer.parseInt(weight.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Set<String> values(HasMetadata object, String key) {
        String value = annotation(object, key);
        return value == null ? Set.of() : Arrays.stream(value.split(",")).map(String::trim)
                .filter(part -> !part.isEmpty()).collect(Collectors.toSet());
    }

    private static String annotation(HasMetadata object, String key) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }
}
