package io.flotilla.renderer.kustomize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.flotilla.renderer.release.InvalidYamlException;
import io.flotilla.renderer.release.YamlDocuments;

/**
 * Flux's post-build variable substitution ({@code spec.postBuild}): in the YAML of each object built, {@code ${var}}
 * becomes the variable's value, {@code ${var:=default}} (also {@code :-}, {@code =}, {@code -}) its default when the
 * variable is unset or empty, {@code $${var}} stays {@code ${var}}, and {@code $var} is left alone. A variable no one
 * defines becomes empty, as with Flux, except those {@code keep} names, which a later stage substitutes (the cluster
 * variables). Objects labelled or annotated {@code kustomize.toolkit.fluxcd.io/substitute: disabled} are left as
 * they are. The text is read again as YAML, so {@code replicas: ${count}} becomes a number.
 */
public final class PostBuildSubstitution {

    public static final String DISABLE = "kustomize.toolkit.fluxcd.io/substitute";
    /** Variable names Flux accepts. */
    private static final Pattern NAME = Pattern.compile("[_A-Za-z][_A-Za-z0-9]*");
    private static final List<String> DEFAULT_OPERATORS = List.of(":=", ":-", "=", "-");

    private final Map<String, String> variables;
    private final Predicate<String> keep;

    /**
     * @param variables the variables by name: {@code substituteFrom} in order, then {@code substitute} over them
     * @param keep      names of undefined variables to leave as written
     */
    public PostBuildSubstitution(Map<String, String> variables, Predicate<String> keep) {
        this.variables = Map.copyOf(variables);
        this.keep = keep;
    }

    /** Whether {@code name} may be a variable's name. */
    public static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    /** @throws KustomizeException naming the object and the expression that cannot be substituted */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> apply(List<Map<String, Object>> objects) throws KustomizeException {
        List<Map<String, Object>> substituted = new ArrayList<>(objects.size());
        for (Map<String, Object> object : objects) {
            if (disabled(object)) {
                substituted.add(object);
                continue;
            }
            String text = KustomizeBuilds.yaml().dump(object);
            String result;
            try {
                result = substitute(text);
            } catch (IllegalArgumentException e) {
                throw new KustomizeException(describe(object) + ": " + e.getMessage());
            }
            if (result.equals(text)) {
                substituted.add(object);
                continue;
            }
            try {
                List<Object> documents = YamlDocuments.parse(result);
                if (documents.size() != 1 || !(documents.get(0) instanceof Map)) {
                    throw new KustomizeException(describe(object) + ": after post-build substitution it is no"
                            + " longer one object");
                }
                substituted.add((Map<String, Object>) documents.get(0));
            } catch (InvalidYamlException e) {
                throw new KustomizeException(describe(object) + ": after post-build substitution it is no longer"
                        + " YAML (line " + e.line() + "): " + e.getMessage());
            }
        }
        return substituted;
    }

    /** {@code text} with its variables substituted. */
    String substitute(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '$' && text.startsWith("$${", at)) {
                out.append("${");
                at += 3;
            } else if (c == '$' && text.startsWith("${", at)) {
                int end = text.indexOf('}', at + 2);
                if (end < 0) {
                    out.append(text, at, text.length());
                    break;
                }
                out.append(expand(text.substring(at + 2, end), text.substring(at, end + 1)));
                at = end + 1;
            } else {
                out.append(c);
                at++;
            }
        }
        return out.toString();
    }

    private String expand(String expression, String written) {
        if (validName(expression)) {
            String value = variables.get(expression);
            if (value != null) {
                return value;
            }
            return keep.test(expression) ? written : "";
        }
        for (String operator : DEFAULT_OPERATORS) {
            int split = expression.indexOf(operator);
            if (split > 0 && validName(expression.substring(0, split))) {
                String name = expression.substring(0, split);
                String value = variables.get(name);
                if (value == null && keep.test(name)) {
                    return written;
                }
                boolean useDefault = operator.startsWith(":") ? value == null || value.isEmpty() : value == null;
                return useDefault ? expression.substring(split + operator.length()) : value;
            }
        }
        throw new IllegalArgumentException("'" + written + "' is not a substitution Flotilla reads: use ${name} or"
                + " ${name:=default}");
    }

    private static boolean disabled(Map<String, Object> object) {
        if (!(object.get("metadata") instanceof Map<?, ?> metadata)) {
            return false;
        }
        for (String field : List.of("labels", "annotations")) {
            if (metadata.get(field) instanceof Map<?, ?> marks && "disabled".equals(marks.get(DISABLE))) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Map<String, Object> object) {
        Object name = object.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("name") : null;
        return object.get("kind") + " " + name;
    }
}
