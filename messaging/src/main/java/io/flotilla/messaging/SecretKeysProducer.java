package io.flotilla.messaging;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.flotilla.events.sealing.KeyRing;
import io.flotilla.events.sealing.SealingException;

/**
 * The key ring of the services that seal or open secrets (the renderer seals Secret data, the applier opens it, the
 * git-watcher seals the credentials it keeps), read once from {@value KeyRing#KEYS_FILE} (a Kubernetes Secret
 * mounted as a file, or the file {@code ./flotilla up} makes) or {@value KeyRing#KEYS}. A service that needs it and
 * has neither does not start: secrets are never written in clear for want of a key.
 */
@ApplicationScoped
public class SecretKeysProducer {

    @Produces
    @Singleton
    KeyRing keyRing(@ConfigProperty(name = KeyRing.KEYS_FILE) Optional<Path> file,
            @ConfigProperty(name = KeyRing.KEYS) Optional<String> keys) {
        if (file.isPresent()) {
            return KeyRing.read(file.get());
        }
        return KeyRing.parse(keys.orElseThrow(() -> new SealingException("neither " + KeyRing.KEYS_FILE + " nor "
                + KeyRing.KEYS + " is set: give the keys that seal Secret data and credentials, as <id>:<32 random"
                + " bytes in base64>, for example \"k1:$(head -c 32 /dev/urandom | base64)\"")), KeyRing.KEYS);
    }
}
