package io.flotilla.registrysecrets.fleetseed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which clusters a fleet seed is for: a Kubernetes label selector in its text form, matched against the clusters'
 * labels as the fleet registers them. {@code env=prod,region=eu}; also {@code ==}, {@code !=},
 * {@code tier in (a,b)}, {@code tier notin (a,b)}, {@code gpu} (has the label) and {@code !gpu} (has it not). Empty
 * means every cluster.
 */
public record SeedSelector(String text, List<Requirement> requirements) {

    public static final SeedSelector EVERY_CLUSTER = new SeedSelector("", List.of());

    private static final Pattern SET = Pattern.compile("([^\\s!=(),]+)\\s+(in|notin)\\s*\\(([^()]*)\\)");
    private static final Pattern EQUALITY = Pattern.compile("([^\\s!=(),]+)\\s*(==|=|!=)\\s*([^\\s!=(),]*)");
    private static final Pattern EXISTS = Pattern.compile("(!?)\\s*([^\\s!=(),]+)");

    /** One requirement: the label {@code key} compared by {@code operator} with {@code values}. */
    public record Requirement(String key, String operator, List<String> values) {

        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case "=", "==", "in" -> value != null && values.contains(value);
                case "!=", "notin" -> value == null || !values.contains(value);
                case "exists" -> value != null;
                default -> value == null;
            };
        }
    }

    public SeedSelector {
        requirements = List.copyOf(requirements);
    }

    /** @throws IllegalArgumentException naming the part of {@code text} that is no requirement */
    public static SeedSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERY_CLUSTER;
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String part : split(text)) {
            String requirement = part.strip();
            Matcher set = SET.matcher(requirement);
            Matcher equality = EQUALITY.matcher(requirement);
            Matcher exists = EXISTS.matcher(requirement);
            if (set.matches()) {
                requirements.add(new Requirement(set.group(1), set.group(2), Arrays.stream(set.group(3).split(","))
                        .map(String::strip).filter(value -> !value.isEmpty()).toList()));
            } else if (equality.matches()) {
                requirements.add(new Requirement(equality.group(1), equality.group(2), List.of(equality.group(3))));
            } else if (exists.matches()) {
                requirements.add(new Requirement(exists.group(2), exists.group(1).isEmpty() ? "exists" : "!",
                        List.of()));
            } else {
                throw new IllegalArgumentException("'" + requirement + "' is not a label requirement (key=value, "
                        + "key!=value, key in (a,b), key notin (a,b), key or !key)");
            }
        }
        return new SeedSelector(text.strip(), requirements);
    }

    public boolean matches(Map<String, String> labels) {
        return requirements.stream().allMatch(requirement -> requirement.matches(labels));
    }

    /** The requirements: commas outside parentheses separate them. */
    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
