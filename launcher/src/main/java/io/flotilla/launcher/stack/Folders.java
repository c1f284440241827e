package io.flotilla.launcher.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Folders the launcher and the benchmark empty before a run: last run's broker data, a generated fleet. */
public final class Folders {

    private Folders() {
    }

    /** Deletes {@code dir} and everything in it; nothing happens when it does not exist. */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new StackException("cannot clear " + dir + ": " + e.getMessage(), e);
        }
    }
}
