package io.flotilla.gitwatcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.flotilla.gitwatcher.signature.OpenPgpKey;
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
            // The single source takes unsigned deliveries, so that a test's unsigned hook fetches it.
            Map<String, String> config = new HashMap<>(Map.of(
                    "flotilla.git.repository", dir.resolve("fleet").toString(),
                    "flotilla.git.unsigned-webhooks", "true",
                    "flotilla.git.work-dir", dir.resolve("work").toString(),
                    "flotilla.git.poll-interval", pollInterval));
            config.putAll(moreSources(dir));
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Named sources besides the single one. */
    Map<String, String> moreSources(Path dir) {
        return Map.of();
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

        @Override
        Map<String, String> moreSources(Path dir) {
            return Map.of(
                    "flotilla.git.sources.infra.repository", dir.resolve("infra").toString(),
                    "flotilla.git.sources.infra.branch", "release",
                    "flotilla.git.sources.infra.poll-interval", "2h",
                    "flotilla.git.sources.infra.paths", "clusters,common/namespaces",
                    "flotilla.git.sources.infra.webhook-secret", "infra-secret",
                    "flotilla.source-secrets.folder", dir.resolve("source-secrets").toString());
        }
    }

    /**
     * As {@link HookDriven}, with Auto-release commits batched over 2 s and signed with a key made for the test: its
     * public key is {@code auto-release.pub.asc} beside the secret one.
     */
    public static final class AutoRelease extends WatchedRepositoryProfile {
        public AutoRelease() {
            super("1h");
        }

        @Override
        Map<String, String> moreSources(Path dir) {
            OpenPgpKey key = OpenPgpKey.generate("Flotilla Bot <bot@flotilla.io>");
            try {
                Path secret = Files.writeString(dir.resolve("auto-release.asc"), key.armoredSecretKey());
                Files.writeString(dir.resolve("auto-release.pub.asc"), key.armoredPublicKey());
                return Map.of("flotilla.git.auto-release.window", "2s",
                        "flotilla.git.auto-release.signing-key", secret.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Four sources (the single one, {@code apps}, {@code infra} and {@code tenants}) polled every second, shared with
     * a second instance that the test runs beside the service: leases of 3 s renewed every second, this instance named
     * {@code instance-a}.
     */
    public static final class SharedWithAnotherInstance extends WatchedRepositoryProfile {
        public SharedWithAnotherInstance() {
            super("1s");
        }

        @Override
        Map<String, String> moreSources(Path dir) {
            Map<String, String> config = new HashMap<>(Map.of(
                    "flotilla.git.instance-id", "instance-a",
                    "flotilla.git.lease.duration", "3s",
                    "flotilla.git.lease.renew-interval", "1s"));
            for (String name : TwoInstancesTest.NAMED_SOURCES) {
                config.put("flotilla.git.sources." + name + ".repository", dir.resolve(name).toString());
            }
            return config;
        }
    }

    /**
     * The single source alone, polled once an hour, shared with a second instance that the test runs beside the
     * service: leases of 3 s renewed every second, this instance named {@code instance-a}.
     */
    public static final class OneSourceSharedWithAnotherInstance extends WatchedRepositoryProfile {
        public OneSourceSharedWithAnotherInstance() {
            super("1h");
        }

        @Override
        Map<String, String> moreSources(Path dir) {
            // A schema of its own: the sources other classes added through the API would change every share.
            return Map.of(
                    "flotilla.git.instance-id", "instance-a",
                    "flotilla.git.lease.duration", "3s",
                    "flotilla.git.lease.renew-interval", "1s",
                    "quarkus.hibernate-orm.database.default-schema", "gitwatcher_handover");
        }
    }

    /** Polls often and receives no webhook. */
    public static final class Polling extends WatchedRepositoryProfile {
        public Polling() {
            super("1s");
        }
    }

    /**
     * As {@link HookDriven}, with the default outbound policy: sources added through the API reach https and ssh at
     * public addresses only. The configured source, on this machine's disk, is the operator's and is not checked.
     */
    public static final class PublicOnly extends WatchedRepositoryProfile {
        public PublicOnly() {
            super("1h");
        }

        @Override
        Map<String, String> moreSources(Path dir) {
            return Map.of("flotilla.outbound.schemes", "https,ssh", "flotilla.outbound.private-addresses", "false");
        }
    }
}
