package io.flotilla.launcher.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret the watched repository's webhooks are signed with ({@code flotilla.git.webhook-secret}): made once per
 * state directory and kept there in {@value #FILE}, readable by its owner alone, so a Git host's webhook set up with
 * it keeps working after {@code down} and {@code up}. The git-watcher gets it in the environment ({@value #VARIABLE}),
 * never on a command line. A generic delivery carries it in {@code X-Flotilla-Token}; GitHub, Gitea and Bitbucket
 * sign with it, GitLab sends it.
 */
public final class StackWebhookSecret {

    public static final String FILE = "webhook-secret";
    /** Where a generic delivery carries the secret. */
    public static final String HEADER = "X-Flotilla-Token";
    /** The environment variable Quarkus reads as {@code flotilla.git.webhook-secret}. */
    public static final String VARIABLE = "FLOTILLA_GIT_WEBHOOK_SECRET";

    private static final int BYTES = 32;

    private StackWebhookSecret() {
    }

    /** The stack's webhook secret: the one kept in {@code stateDir}, else a new one, kept there from now on. */
    public static String of(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        try {
            return StackSecretFile.readOrCreate(file, StackWebhookSecret::newSecret);
        } catch (IOException e) {
            throw new StackException("cannot keep the stack's webhook secret in " + file + ": " + e.getMessage(), e);
        }
    }

    private static String newSecret() {
        byte[] secret = new byte[BYTES];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
