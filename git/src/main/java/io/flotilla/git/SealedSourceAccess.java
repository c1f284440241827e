package io.flotilla.git;

import io.flotilla.events.sealing.KeyRing;
import io.flotilla.events.sealing.SealingException;
import io.flotilla.git.secret.SecretRef;
import io.flotilla.git.secret.SourceSecretException;
import io.flotilla.git.secret.SourceSecrets;

/**
 * The credentials of a source added through git-watcher's API, as its commits carry them to the renderer and the
 * image-updater ({@code CommitDetected.access}): sealed with the installation's {@link KeyRing} (a fresh data key
 * wrapped with the ring's first key, as Secret data and stored credentials are), bound to the repository URL, so
 * that the access copied into a commit of another repository does not open there. No clear value is ever on the
 * commits topic; the services that fetch open it at fetch time, and keep only the sealed text.
 * <p>
 * What is sealed is either HTTPS basic credentials (a username with a password or token) or the name of the Secret
 * that holds them ({@code namespace/name}, read where each service reads Secrets, {@code flotilla.source-secrets.*}),
 * the two kinds of credentials git-watcher's API takes.
 */
public final class SealedSourceAccess {

    private static final String BASIC = "basic";
    private static final String SECRET = "secret";

    private SealedSourceAccess() {
    }

    /** {@code username} and {@code password} (a token, maybe) sealed for fetching {@code repository}. */
    public static String sealBasic(KeyRing ring, String repository, String username, String password) {
        if (username == null || username.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a username is one line");
        }
        return ring.newDataKey().seal(BASIC + "\n" + username + "\n" + (password == null ? "" : password),
                context(repository));
    }

    /** The name of the Secret holding the credentials, sealed for fetching {@code repository}. */
    public static String sealSecret(KeyRing ring, String repository, SecretRef secret) {
        return ring.newDataKey().seal(SECRET + "\n" + secret, context(repository));
    }

    /**
     * The access for one fetch of {@code repository} that {@code sealed} gives, for the caller to close once done.
     *
     * @param secrets where the Secret it may name is read
     * @param usedBy  the source in messages ({@code commit a1b2c3 of https://git.example.com/team/fleet})
     * @throws SourceSecretException naming the repository and the reason when it does not open (sealed with a key
     *                               not in this ring, for another repository, altered), or when the Secret it names
     *                               is missing or unusable
     */
    public static GitCredentials.Fetching open(KeyRing ring, String repository, String sealed, SourceSecrets secrets,
            String usedBy) {
        String opened;
        try {
            opened = ring.open(sealed, context(repository));
        } catch (SealingException e) {
            throw new SourceSecretException(usedBy + ": the credentials its commit carries, sealed by git-watcher, do"
                    + " not open: " + e.getMessage() + ". Give this service the same key ring as git-watcher ("
                    + KeyRing.KEYS_FILE + " or " + KeyRing.KEYS + ")", e);
        }
        String[] parts = opened.split("\n", 3);
        if (parts[0].equals(BASIC) && parts.length == 3) {
            return new GitCredentials.Fetching(RemoteAccess.https(parts[1], parts[2]), null,
                    "HTTPS user " + parts[1] + " (given to git-watcher with the source)");
        }
        if (parts[0].equals(SECRET) && parts.length == 2) {
            SecretRef secret = SecretRef.parse(parts[1]);
            return new GitCredentials.Fetching(GitCredentials.access(secrets.require(secret, usedBy), usedBy), secret);
        }
        throw new SourceSecretException(usedBy + ": the credentials its commit carries are of a kind this service"
                + " does not know ('" + parts[0] + "'); update it to git-watcher's version");
    }

    private static String context(String repository) {
        return "access to repository " + repository;
    }
}
