package io.flotilla.launcher.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.flotilla.clusters.CredentialSeal;

/**
 * The credentials key of a stack made before the key ring ({@link StackSecretKeys}) sealed cluster credentials
 * ({@value CredentialSeal#EARLIER_KEY}, kept in {@value #FILE}): while that file is there the services get it in the
 * environment ({@value #VARIABLE}, never on a command line other users' {@code ps} could show), so that what the
 * stack's registry sealed with it still opens, and the observer seals it again with the key ring at its start. A stack
 * made since has no such file and makes none.
 */
public final class StackCredentialsKey {

    public static final String FILE = "credentials-key";
    /** The environment variable Quarkus reads as {@value CredentialSeal#EARLIER_KEY}. */
    public static final String VARIABLE = "FLOTILLA_CLUSTERS_CREDENTIALS_KEY";

    private StackCredentialsKey() {
    }

    /** The key a stack made before keeps in {@code stateDir}, closed to other users again; empty for a stack since. */
    public static Optional<String> earlier(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(StackSecretFile.read(file));
        } catch (IOException e) {
            throw new StackException("cannot read the stack's credentials key of before in " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
