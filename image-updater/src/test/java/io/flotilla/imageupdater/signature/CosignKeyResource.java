package io.flotilla.imageupdater.signature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A cosign key pair made for the service tests: the image-updater checks the signatures of repositories under
 * {@code signed/} with its public key ({@code cosign.pub}); the tests sign with the private one beside it
 * ({@link CosignSigner#load}). Other repositories need no signature, so the other tests are unaffected.
 */
public final class CosignKeyResource implements QuarkusTestResourceLifecycleManager {

    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("flotilla-cosign");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CosignSigner.generate().save(dir);
        return Map.of("flotilla.images.cosign.public-key", dir.resolve("cosign.pub").toString(),
                "flotilla.images.cosign.repositories", "*/signed/*");
    }

    @Override
    public void stop() {
        try {
            Files.deleteIfExists(dir.resolve("cosign.pub"));
            Files.deleteIfExists(dir.resolve("cosign.key"));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // A temp folder left behind harms nothing.
        }
    }
}
