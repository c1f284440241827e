package io.flotilla.renderer.render;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code .Capabilities.APIVersions} as the target cluster serves them. helm-java 0.0.21's template has no
 * {@code --api-versions}, and {@code helm template}'s flag would only add to Helm's defaults where a cluster's
 * discovery replaces them. So in the templates Helm renders, inside actions and outside their string literals,
 * {@code <x>.Capabilities.APIVersions.Has} becomes {@code hasKey (dict "v1" true ...)}, a function taking the
 * version asked for as its last argument just as the method did, so {@code .Has "a/v1"}, {@code (.Has $v)} and
 * {@code "a/v1" | .Has} all keep their meaning; a bare {@code <x>.Capabilities.APIVersions} becomes
 * {@code (list "v1" ...)}, in the cluster's order. {@code <x>} is {@code .}, {@code $} or a variable.
 */
final class ClusterApiVersions {

    private static final String NAME = "Capabilities.APIVersions";
    private static final Pattern API_VERSIONS = Pattern.compile(
            "(?<![\\w.$)\\]])(\\$\\w*)?\\.Capabilities\\.APIVersions(\\.Has)?(?![\\w.])");

    private ClusterApiVersions() {
    }

    /** The template answering with {@code apiVersions}; as it is when they are not known (empty). */
    static String inlined(String template, List<String> apiVersions) {
        if (apiVersions.isEmpty() || !template.contains(NAME)) {
            return template;
        }
        String has = "hasKey (dict" + quoted(apiVersions, " true") + ")";
        String all = "(list" + quoted(apiVersions, "") + ")";
        StringBuilder result = new StringBuilder(template.length());
        int done = 0;
        for (int open = template.indexOf("{{"); open >= 0; open = template.indexOf("{{", done)) {
            result.append(template, done, open);
            done = rewriteAction(template, open + 2, result.append("{{"), has, all);
        }
        return result.append(template, done, template.length()).toString();
    }

    /**
     * Copies the action starting at {@code from} (after its {@code {{}) up to and with its {@code }}}, code
     * rewritten, string literals and comments as they are; returns where the text after it starts.
     */
    private static int rewriteAction(String template, int from, StringBuilder result, String has, String all) {
        int code = from;
        int at = from;
        while (at < template.length()) {
            int literalEnd = literalEnd(template, at);
            if (literalEnd > at) {
                result.append(rewritten(template.substring(code, at), has, all)).append(template, at, literalEnd);
                code = at = literalEnd;
            } else if (template.startsWith("}}", at)) {
                result.append(rewritten(template.substring(code, at), has, all)).append("}}");
                return at + 2;
            } else {
                at++;
            }
        }
        result.append(rewritten(template.substring(code), has, all));
        return template.length();
    }

    /** Where the string literal, character or comment starting at {@code at} ends; {@code at} if none starts. */
    private static int literalEnd(String template, int at) {
        char c = template.charAt(at);
        if (c == '"' || c == '\'') {
            int end = at + 1;
            while (end < template.length() && template.charAt(end) != c) {
                end += template.charAt(end) == '\\' ? 2 : 1;
            }
            return Math.min(end + 1, template.length());
        }
        if (c == '`') {
            int end = template.indexOf('`', at + 1);
            return end < 0 ? template.length() : end + 1;
        }
        if (template.startsWith("/*", at)) {
            int end = template.indexOf("*/", at + 2);
            return end < 0 ? template.length() : end + 2;
        }
        return at;
    }

    private static String rewritten(String code, String has, String all) {
        if (!code.contains(NAME)) {
            return code;
        }
        Matcher use = API_VERSIONS.matcher(code);
        StringBuilder result = new StringBuilder(code.length());
        while (use.find()) {
            use.appendReplacement(result, Matcher.quoteReplacement(use.group(2) == null ? all : has));
        }
        return use.appendTail(result).toString();
    }

    /** Each version as a Go string literal, after a space, followed by {@code after}. */
    private static String quoted(List<String> apiVersions, String after) {
        StringBuilder quoted = new StringBuilder();
        for (String version : apiVersions) {
            quoted.append(" \"").append(version.replace("\\", "\\\\").replace("\"", "\\\"")).append('"')
                    .append(after);
        }
        return quoted.toString();
    }
}
