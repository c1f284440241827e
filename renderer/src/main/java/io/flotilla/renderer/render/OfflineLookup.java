package io.flotilla.renderer.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code lookup} as {@code helm template} answers it: an empty map, since nothing is installed at render time.
 * helm-java 0.0.21's template runs Helm's install with the dry-run option {@code none}, which makes Helm's
 * {@code lookup} ask a Kubernetes API server (and fail, there being none). So in the templates Helm renders,
 * each call {@code lookup a b c d} becomes {@code pick (dict) a b c d}: Sprig's {@code pick} of those keys from
 * an empty dict, which is the same empty map, of the same type, for any arguments.
 */
final class OfflineLookup {

    private static final Pattern ACTION = Pattern.compile("\\{\\{.*?}}", Pattern.DOTALL);
    private static final Pattern LOOKUP = Pattern.compile("(?<![\\w.$\"'-])lookup(?=\\s)");
    private static final String EMPTY_MAP = "pick (dict)";

    private OfflineLookup() {
    }

    /** The template with every {@code lookup} call inside its actions answering an empty map. */
    static String emptied(String template) {
        if (!template.contains("lookup")) {
            return template;
        }
        Matcher action = ACTION.matcher(template);
        StringBuilder result = new StringBuilder(template.length());
        while (action.find()) {
            action.appendReplacement(result,
                    Matcher.quoteReplacement(LOOKUP.matcher(action.group()).replaceAll(EMPTY_MAP)));
        }
        action.appendTail(result);
        return result.toString();
    }
}
