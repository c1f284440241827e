package io.flotilla.git;

import java.net.URISyntaxException;
import java.util.Locale;

import org.eclipse.jgit.transport.URIish;

/**
 * One spelling for the many ways to name a repository, read as Git reads them (JGit's {@link URIish}):
 * {@code https://host/team/app.git}, {@code git@host:team/app.git}, {@code ssh://git@host:22/team/app},
 * {@code git://host/team/app} and {@code https://user:token@Host/team/app/} all become {@code host/team/app}.
 * User, port, scheme, a trailing {@code /} or {@code .git} and case make no difference to a remote: Git hosts
 * treat owner and repository names without case. A local path (or {@code file://} URL) stays a path, its case
 * kept, so that a webhook, a source and a HelmRelease's {@code chart.git} agree however each was written.
 */
public final class RepositoryUrl {

    private RepositoryUrl() {
    }

    /** The repository {@code location} names: {@code host/team/app} for a remote, the path for a local one. */
    public static String normalise(String location) {
        String text = location.strip();
        URIish url;
        try {
            url = new URIish(text);
        } catch (URISyntaxException e) {
            // Not a form Git could fetch from either: only the same text names the same repository.
            return withoutGitSuffix(text);
        }
        if (url.getHost() == null) {
            return withoutGitSuffix(url.getPath());
        }
        String path = withoutGitSuffix(url.getPath()).replaceFirst("^/+", "");
        return (url.getHost() + "/" + path).toLowerCase(Locale.ROOT);
    }

    /** Whether two locations name the same repository; a missing one names none. */
    public static boolean same(String one, String other) {
        return one != null && other != null && normalise(one).equals(normalise(other));
    }

    private static String withoutGitSuffix(String path) {
        return path.replaceAll("/+$", "").replaceAll("\\.git$", "").replaceAll("/+$", "");
    }
}
