package io.flotilla.imageupdater.policy;

import java.util.List;
import java.util.Map;

/**
 * Reads the {@code spec} of a Flux v2 {@code ImagePolicy} ({@code image.toolkit.fluxcd.io}) into a
 * {@link TagPolicy}: exactly one of {@code policy.semver.range}, {@code policy.alphabetical.order} and
 * {@code policy.numerical.order}, optionally behind {@code filterTags.pattern} and {@code filterTags.extract}.
 * Errors name the field, as a user finds it in the file.
 */
public final class ImagePolicySpec {

    private static final List<String> KINDS = List.of("semver", "alphabetical", "numerical");

    private ImagePolicySpec() {
    }

    /** The policy {@code spec} (the ImagePolicy's {@code spec} as parsed YAML) declares. */
    public static TagPolicy read(Map<String, ?> spec) {
        Map<String, ?> policy = section(spec, "policy", "spec.policy");
        if (policy == null) {
            throw new PolicySyntaxException("spec.policy is missing: give one of semver, alphabetical, numerical");
        }
        List<String> given = KINDS.stream().filter(policy::containsKey).toList();
        if (given.size() != 1) {
            throw new PolicySyntaxException("spec.policy must give exactly one of " + String.join(", ", KINDS)
                    + (given.isEmpty() ? ", it gives none" : ", it gives " + String.join(" and ", given)));
        }
        String kind = given.get(0);
        Map<String, ?> body = section(policy, kind, "spec.policy." + kind);
        TagPolicy chosen = switch (kind) {
            case "semver" -> new SemverPolicy(text(body, "range", "spec.policy.semver.range"));
            case "alphabetical" -> OrderedPolicy.alphabetical(order(body, "spec.policy.alphabetical.order"));
            default -> OrderedPolicy.numerical(order(body, "spec.policy.numerical.order"));
        };
        Map<String, ?> filterTags = section(spec, "filterTags", "spec.filterTags");
        if (filterTags == null) {
            return chosen;
        }
        return new FilteredPolicy(new TagFilter(text(filterTags, "pattern", "spec.filterTags.pattern"),
                text(filterTags, "extract", "spec.filterTags.extract")), chosen);
    }

    private static Order order(Map<String, ?> body, String field) {
        return Order.of(text(body, "order", field), field);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> section(Map<String, ?> parent, String key, String field) {
        Object value = parent == null ? null : parent.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new PolicySyntaxException(field + " must be a mapping, not '" + value + "'");
        }
        return (Map<String, ?>) value;
    }

    private static String text(Map<String, ?> parent, String key, String field) {
        Object value = parent == null ? null : parent.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new PolicySyntaxException(field + " must be a string, not '" + value + "'");
        }
        return value.toString();
    }
}
