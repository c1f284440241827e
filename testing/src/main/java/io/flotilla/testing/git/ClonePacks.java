package io.flotilla.testing.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/** The packs of a bare clone as a test sees them: how many it has, and making them look as old as a test needs. */
public final class ClonePacks {

    private ClonePacks() {
    }

    /** How many packs the clone in {@code gitDir} has. */
    public static long count(Path gitDir) {
        try (Stream<Path> files = Files.list(gitDir.resolve("objects").resolve("pack"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".pack")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes every pack of the clone in {@code gitDir} look {@code age} old, as if its fetch were long done. */
    public static void age(Path gitDir, Duration age) {
        FileTime old = FileTime.from(Instant.now().minus(age));
        try (Stream<Path> files = Files.list(gitDir.resolve("objects").resolve("pack"))) {
            for (Path file : files.toList()) {
                Files.setLastModifiedTime(file, old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
