package io.flotilla.launcher.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A secret of a local stack kept in its state directory, readable by its owner alone: made once, read at every
 * {@code up}, so what was given out with it (a Git host's webhook, sealed credentials) keeps working.
 */
final class StackSecretFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private StackSecretFile() {
    }

    /** The secret kept in {@code file}, else {@code made}'s, kept there from now on. */
    static String readOrCreate(Path file, Supplier<String> made) throws IOException {
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            create(file, made.get());
        }
        return read(file);
    }

    /** The secret kept in {@code file}, which is closed to other users first. */
    static String read(Path file) throws IOException {
        ownerOnly(file);
        return Files.readString(file).strip();
    }

    /** Created with the owner's permissions alone from the start: no moment when another user may read it. */
    private static void create(Path file, String secret) throws IOException {
        if (Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, secret + "\n");
    }

    /** A secret file someone opened up is closed again. */
    private static void ownerOnly(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")
                && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }
}
