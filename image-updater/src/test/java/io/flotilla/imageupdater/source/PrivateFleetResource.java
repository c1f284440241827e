package io.flotilla.imageupdater.source;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.flotilla.testing.git.GitHttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Private Git repositories for the service tests, served over HTTP behind basic auth from {@link #served()}, as the
 * settings of a deployment give them: {@code fleet} with its Secret {@code flux-system/fleet-auth} in the folder
 * {@code flotilla.source-secrets.folder}, and {@code locked}, whose Secret {@code flux-system/locked-auth} is kept
 * nowhere. Repositories the other tests use are local paths with no Secret, so they are unaffected.
 */
public final class PrivateFleetResource implements QuarkusTestResourceLifecycleManager {

    private static Path dir;
    private static GitHttpServer server;

    /** The folder whose sub-folders are served, {@code fleet} and {@code locked} among them. */
    public static Path served() {
        return dir.resolve("served");
    }

    /** The clone URL of the repository in {@code served()/<name>}. */
    public static String url(String name) {
        return server.url(name);
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("flotilla-private-fleet");
            Path secret = Files.createDirectories(dir.resolve("source-secrets/flux-system/fleet-auth"));
            Files.writeString(secret.resolve("username"), "ci-bot");
            Files.writeString(secret.resolve("password"), "glpat-token");
            server = GitHttpServer.serve(Files.createDirectories(served()), "ci-bot", "glpat-token");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("flotilla.source-secrets.folder", dir.resolve("source-secrets").toString(),
                "flotilla.source-secrets.repositories.fleet.url", server.url("fleet"),
                "flotilla.source-secrets.repositories.fleet.secret", "flux-system/fleet-auth",
                "flotilla.source-secrets.repositories.locked.url", server.url("locked"),
                "flotilla.source-secrets.repositories.locked.secret", "flux-system/locked-auth");
    }

    @Override
    public void stop() {
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // A temp folder left behind harms nothing.
        }
    }
}
