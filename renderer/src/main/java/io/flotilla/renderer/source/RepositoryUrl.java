package io.flotilla.renderer.source;

import java.util.Locale;

/**
 * Whether two ways of writing a repository's location name the same repository: a trailing {@code /} or
 * {@code .git}, a {@code file://} prefix and the case of the scheme and host make no difference.
 */
public final class RepositoryUrl {

    private RepositoryUrl() {
    }

    public static boolean same(String one, String other) {
        return one != null && other != null && normal(one).equals(normal(other));
    }

    private static String normal(String location) {
        String normal = location.trim().replaceAll("/+$", "").replaceAll("\\.git$", "").replaceAll("/+$", "");
        if (normal.startsWith("file://")) {
            normal = normal.substring("file://".length());
        }
        int path = normal.indexOf('/', normal.indexOf("://") < 0 ? 0 : normal.indexOf("://") + 3);
        return path < 0 ? normal.toLowerCase(Locale.ROOT)
                : normal.substring(0, path).toLowerCase(Locale.ROOT) + normal.substring(path);
    }
}
