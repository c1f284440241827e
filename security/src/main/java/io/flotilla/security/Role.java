package io.flotilla.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a caller may do, each role including the ones below it: a viewer reads (API, dashboard, event stream,
 * metrics), an operator also acts on releases (reconcile, suspend, resume, rollback, diff), an admin also changes
 * what Flotilla watches and where it applies (sources, clusters, configuration). One ladder rather than separate
 * permissions, so a token or a group names one word and a refusal can say which word was missing.
 */
public enum Role {
    VIEWER,
    OPERATOR,
    ADMIN;

    /** The role as configuration, tokens files and messages spell it: {@code viewer}, {@code operator}, {@code admin}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a caller holding this role may do what {@code needed} allows. */
    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** The role spelled {@code id} (any case), if it is one. */
    public static Optional<Role> named(String id) {
        return Arrays.stream(values()).filter(role -> role.id().equalsIgnoreCase(id.strip())).findFirst();
    }

    /** Every role the given ones include: an admin is also an operator and a viewer. */
    public static Set<Role> including(Collection<Role> granted) {
        Set<Role> all = EnumSet.noneOf(Role.class);
        for (Role role : granted) {
            for (Role lower : values()) {
                if (role.includes(lower)) {
                    all.add(lower);
                }
            }
        }
        return all;
    }

    /** The ids of {@link #including}, as a security identity's roles. */
    public static Set<String> idsIncluding(Collection<Role> granted) {
        return including(granted).stream().map(Role::id).collect(Collectors.toUnmodifiableSet());
    }

    /** "viewer, operator or admin", for messages that list what a value may be. */
    public static String choices() {
        return "viewer, operator or admin";
    }
}
