package io.flotilla.launcher.stack;

import java.io.IOException;
import java.nio.file.Path;

import io.flotilla.clusters.CredentialSeal;

/**
 * The key that seals the credentials of a local stack's clusters ({@code flotilla.clusters.credentials-key}): made
 * once per state directory and kept there in {@value #FILE}, readable by its owner alone, so the registry's sealed
 * credentials still unseal after {@code down} and {@code up}. The services get it in the environment
 * ({@value #VARIABLE}), never on a command line other users' {@code ps} could show.
 */
public final class StackCredentialsKey {

    public static final String FILE = "credentials-key";
    /** The environment variable Quarkus reads as {@value CredentialSeal#PROPERTY}. */
    public static final String VARIABLE = "FLOTILLA_CLUSTERS_CREDENTIALS_KEY";

    private StackCredentialsKey() {
    }

    /** The stack's key: the one kept in {@code stateDir}, else a new one, kept there from now on. */
    public static String of(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        try {
            String key = StackSecretFile.readOrCreate(file, CredentialSeal::newKey);
            CredentialSeal.withKey(key);
            return key;
        } catch (IOException e) {
            throw new StackException("cannot keep the stack's credentials key in " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new StackException(file + " holds no usable key (" + e.getMessage() + "). Clusters registered with"
                    + " it cannot be read without it: put the key back, or delete the file to make a new one and"
                    + " register the clusters again", e);
        }
    }
}
