package io.flotilla.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which role a request needs, by its method and path: health ({@code /q/health} and below) and the service's
 * {@code open} paths (webhook receivers, which check their own signatures) need none; the {@code operator} rules
 * need an operator; any other read ({@code GET}, {@code HEAD}) a viewer and any other write an admin. So a write a
 * rule forgot is an admin's, never open. A tenant's member may call only the {@code member} paths (with the role
 * they need): the rest is the platform team's. Patterns match whole path segments: {@code *} one segment, a trailing
 * {@code **} any number of them; a rule is {@code [METHOD ]/path/pattern}, without a method for every method (a
 * {@code GET} rule covers {@code HEAD} as well).
 */
public final class AccessRules {

    private static final List<Rule> HEALTH = List.of(Rule.parse("/q/health"), Rule.parse("/q/health/**"));
    private static final Set<String> READS = Set.of("GET", "HEAD");

    private final List<Rule> open;
    private final List<Rule> operator;
    private final List<Rule> member;

    private AccessRules(List<Rule> open, List<Rule> operator, List<Rule> member) {
        this.open = open;
        this.operator = operator;
        this.member = member;
    }

    /**
     * @param open     paths anyone may call, besides health
     * @param operator what an operator may do that a viewer may not
     * @param member   what a tenant's member may call at all
     * @throws IllegalArgumentException naming a rule that is no {@code [METHOD ]/path}
     */
    public static AccessRules of(List<String> open, List<String> operator, List<String> member) {
        List<Rule> opened = new ArrayList<>(HEALTH);
        open.stream().map(Rule::parse).forEach(opened::add);
        return new AccessRules(List.copyOf(opened), operator.stream().map(Rule::parse).toList(),
                member.stream().map(Rule::parse).toList());
    }

    /** Whether a tenant's member may call {@code method} on {@code path} (given the role it needs). */
    public boolean memberMay(String method, String path) {
        String verb = method.toUpperCase(Locale.ROOT);
        List<String> segments = segments(path);
        return member.stream().anyMatch(rule -> rule.matches(verb, segments));
    }

    /** The role {@code method} on {@code path} needs; empty when anyone may call it. */
    public Optional<Role> needed(String method, String path) {
        String verb = method.toUpperCase(Locale.ROOT);
        List<String> segments = segments(path);
        if (open.stream().anyMatch(rule -> rule.matches(verb, segments))) {
            return Optional.empty();
        }
        if (operator.stream().anyMatch(rule -> rule.matches(verb, segments))) {
            return Optional.of(Role.OPERATOR);
        }
        return Optional.of(READS.contains(verb) ? Role.VIEWER : Role.ADMIN);
    }

    /** The path's segments as JAX-RS matches them: empty ones dropped, matrix parameters ({@code ;a=b}) cut off. */
    private static List<String> segments(String path) {
        return List.of(path.split("/")).stream().map(segment -> segment.contains(";")
                ? segment.substring(0, segment.indexOf(';')) : segment).filter(segment -> !segment.isEmpty()).toList();
    }

    /** One {@code [METHOD ]/path/pattern}. */
    private record Rule(String method, List<String> pattern) {

        static Rule parse(String rule) {
            String[] parts = rule.strip().split("\\s+");
            String path = parts[parts.length - 1];
            if (parts.length > 2 || !path.startsWith("/")) {
                throw new IllegalArgumentException("access rule '" + rule + "' must read '[METHOD ]/path', such as "
                        + "'POST /api/reconcile' or '/hooks/*'");
            }
            List<String> pattern = segments(path);
            int anyRest = pattern.indexOf("**");
            if (anyRest >= 0 && anyRest != pattern.size() - 1) {
                throw new IllegalArgumentException("access rule '" + rule + "': ** may only end a path");
            }
            return new Rule(parts.length == 2 ? parts[0].toUpperCase(Locale.ROOT) : null, pattern);
        }

        /** A {@code GET} rule holds for {@code HEAD} too: JAX-RS answers a HEAD by running the GET resource. */
        boolean matches(String verb, List<String> segments) {
            if (method != null && !method.equals(verb) && !(method.equals("GET") && verb.equals("HEAD"))) {
                return false;
            }
            for (int i = 0; i < pattern.size(); i++) {
                String expected = pattern.get(i);
                if (expected.equals("**")) {
                    return true;
                }
                if (i >= segments.size() || !(expected.equals("*") || expected.equals(segments.get(i)))) {
                    return false;
                }
            }
            return pattern.size() == segments.size();
        }
    }
}
