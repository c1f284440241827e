package io.flotilla.imageupdater.policy;

/**
 * Reads a Flux v1 filter annotation's value ({@code filter.fluxcd.io/<container>}): {@code glob:dev-*},
 * {@code semver:~0.4}, {@code regex:^v[0-9]+$} (or {@code regexp:}, which Flux v1 also took). A value with no
 * prefix is a glob, as in Flux v1.
 */
public final class FluxV1Filter {

    private FluxV1Filter() {
    }

    /** The policy {@code filter} says; a {@link PolicySyntaxException} naming it if it cannot be read. */
    public static TagPolicy parse(String filter) {
        if (filter == null || filter.isBlank()) {
            throw new PolicySyntaxException("empty filter: write glob:<pattern>, semver:<range> or regex:<expression>");
        }
        String value = filter.trim();
        int colon = value.indexOf(':');
        if (colon < 0) {
            return NewestBuiltPolicy.glob(value);
        }
        String kind = value.substring(0, colon);
        String argument = value.substring(colon + 1);
        return switch (kind) {
            case "glob" -> NewestBuiltPolicy.glob(argument);
            case "semver" -> new SemverPolicy(argument);
            case "regex", "regexp" -> NewestBuiltPolicy.regex(argument);
            default -> throw new PolicySyntaxException("filter '" + value + "' has the unknown kind '" + kind
                    + "': write glob:<pattern>, semver:<range> or regex:<expression>");
        };
    }
}
