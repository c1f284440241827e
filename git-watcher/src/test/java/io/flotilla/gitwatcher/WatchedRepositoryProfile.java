package io.flotilla.gitwatcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The watched source of a test: a repository in a fresh folder that does not exist yet when the
 * watcher starts (the test creates it), and a mirror folder of its own.
 */
abstract class WatchedRepositoryProfile implements QuarkusTestProfile {

    private final String pollInterval;

    WatchedRepositoryProfile(String pollInterval) {
        this.pollInterval = pollInterval;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Path dir = Files.createTempDirectory("git-watcher-test");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
            return Map.of(
                    "flotilla.git.repository", dir.resolve("fleet").toString(),
                    "flotilla.git.work-dir", dir.resolve("work").toString(),
                    "flotilla.git.poll-interval", pollInterval);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Leftovers in the temp folder are harmless; the JVM is ending.
        }
    }

    /** Polls too seldom to matter during a test: only the first poll, at start, and webhooks fetch. */
    public static final class HookDriven extends WatchedRepositoryProfile {
        public HookDriven() {
            super("1h");
        }
    }

    /** Polls often and receives no webhook. */
    public static final class Polling extends WatchedRepositoryProfile {
        public Polling() {
            super("1s");
        }
    }
}
