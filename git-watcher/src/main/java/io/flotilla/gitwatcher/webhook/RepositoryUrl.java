package io.flotilla.gitwatcher.webhook;

import java.util.Locale;

/**
 * One spelling for the many ways to name a repository: {@code https://host/team/app.git},
 * {@code git@host:team/app.git}, {@code ssh://git@host:22/team/app} and {@code https://host/team/app} all
 * become {@code host/team/app}, so a webhook's URLs match the source however it was configured.
 */
final class RepositoryUrl {

    private RepositoryUrl() {
    }

    static String normalise(String url) {
        String text = url.strip().toLowerCase(Locale.ROOT);
        boolean hasScheme = text.matches("^[a-z][a-z0-9+.-]*://.*");
        if (hasScheme) {
            text = text.substring(text.indexOf("://") + 3);
        }
        int slash = text.indexOf('/');
        int at = text.indexOf('@');
        if (at >= 0 && (slash < 0 || at < slash)) {
            text = text.substring(at + 1);
            slash = text.indexOf('/');
        }
        int colon = text.indexOf(':');
        if (colon >= 0 && (slash < 0 || colon < slash)) {
            // host:port/path in a URL, host:path in the scp-like form ssh uses.
            String rest = text.substring(colon + 1);
            text = text.substring(0, colon) + "/" + (hasScheme ? rest.replaceFirst("^[0-9]*/?", "") : rest);
        }
        text = text.replaceAll("/+$", "");
        if (text.endsWith(".git")) {
            text = text.substring(0, text.length() - 4);
        }
        return text.replaceAll("/+$", "");
    }
}
