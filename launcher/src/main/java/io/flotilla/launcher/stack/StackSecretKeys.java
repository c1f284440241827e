package io.flotilla.launcher.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

import io.flotilla.events.sealing.KeyRing;
import io.flotilla.events.sealing.SealingException;

/**
 * The key ring that seals a local stack's Secret data and stored credentials ({@code flotilla.secrets.keys-file}):
 * made once per state directory and kept there in {@value #FILE}, readable by its owner alone, so that what was sealed
 * (renderings on the compacted topic, revisions, sources' credentials) still opens after {@code down} and {@code up}.
 * The services are given the file's path ({@value #VARIABLE}), as a Kubernetes Secret mounted as a file gives it;
 * a key is rotated by putting a new line first in the file and starting the stack again.
 */
public final class StackSecretKeys {

    public static final String FILE = "secret-keys";
    /** The environment variable Quarkus reads as {@value KeyRing#KEYS_FILE}. */
    public static final String VARIABLE = "FLOTILLA_SECRETS_KEYS_FILE";

    private StackSecretKeys() {
    }

    /** The stack's key file: the one kept in {@code stateDir}, else a new one with one key, kept from now on. */
    public static Path of(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        try {
            StackSecretFile.readOrCreate(file, () -> KeyRing.newEntry("local-" + LocalDate.now(ZoneOffset.UTC)));
            KeyRing.read(file);
            return file;
        } catch (IOException e) {
            throw new StackException("cannot keep the stack's secret keys in " + file + ": " + e.getMessage(), e);
        } catch (SealingException e) {
            throw new StackException(file + " holds no usable key ring (" + e.getMessage() + "). What was sealed with"
                    + " it cannot be opened without it: put the keys back, or delete the file to make a new one and"
                    + " register the sources with credentials again", e);
        }
    }
}
