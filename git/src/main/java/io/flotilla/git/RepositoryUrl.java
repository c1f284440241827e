package io.flotilla.git;

import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

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

    /**
     * {@code location} without the user and password an HTTP(S) URL may carry ({@code https://user:token@host/...}
     * and {@code https://token@host/...} become {@code https://host/...}): what may be shown, logged and used as a key. An SSH user ({@code git@host})
     * is no secret and stays; anything else is returned as it is.
     */
    public static String withoutPassword(String location) {
        return loginIn(location).isEmpty() ? location
                : location.strip().replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/]*@", "$1");
    }

    /** The user sent with a token written alone before an HTTPS host, as GitHub reads it and GitLab accepts. */
    public static final String TOKEN_USER = "x-access-token";

    /**
     * The user and password an HTTP(S) {@code location} carries, or empty when it carries neither. A user part alone
     * ({@code https://<token>@host/...}, as git takes it from a URL) is a token: it is given as the password, with
     * {@link #TOKEN_USER}, so that it is kept as a password is (sealed, never shown).
     */
    public static Optional<Login> loginIn(String location) {
        URIish url;
        try {
            url = new URIish(location.strip());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (url.getUser() == null || url.getUser().isEmpty() || !(scheme.equals("http") || scheme.equals("https"))) {
            return Optional.empty();
        }
        return Optional.of(url.getPass() == null ? new Login(TOKEN_USER, url.getUser())
                : new Login(url.getUser(), url.getPass()));
    }

    /** A user and password (or token) written into a repository's URL. */
    public record Login(String user, String password) {

        /** Never the password: this can end up in a log. */
        @Override
        public String toString() {
            return "Login[user=" + user + "]";
        }
    }

    /** Whether two locations name the same repository; a missing one names none. */
    public static boolean same(String one, String other) {
        return one != null && other != null && normalise(one).equals(normalise(other));
    }

    private static String withoutGitSuffix(String path) {
        return path.replaceAll("/+$", "").replaceAll("\\.git$", "").replaceAll("/+$", "");
    }
}
