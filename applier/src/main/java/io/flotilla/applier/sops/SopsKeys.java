package io.flotilla.applier.sops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.events.sealing.KeyRing;
import io.flotilla.events.sealing.SopsDigests;

/**
 * The age identities SOPS-encrypted files are decrypted with: Flotilla's own ({@code flotilla.sops.age-keys}, or the
 * identity file {@code flotilla.sops.age-keys-file}, read at start), then those of the Secret a Kustomization's
 * {@code spec.decryption.secretRef} names, read on the release's cluster when one of its files is applied (its
 * {@code *.agekey} entries, as Flux reads them). And the key the values decrypted are digested with for the observer
 * ({@link SopsDigests}, from the installation's key ring, which the observer holds too).
 */
@Singleton
public class SopsKeys {

    static final String KEYS = "flotilla.sops.age-keys";
    static final String KEYS_FILE = "flotilla.sops.age-keys-file";
    private static final String AGE_KEY_SUFFIX = ".agekey";

    private final List<AgeIdentity> configured;
    private final SopsDigests digests;

    /**
     * @param ring the installation's key ring
     * @throws SopsException naming the setting and line that is no age identity, never the key
     */
    @Inject
    public SopsKeys(@ConfigProperty(name = KEYS) Optional<String> keys,
            @ConfigProperty(name = KEYS_FILE) Optional<Path> keysFile,
            KeyRing ring) {
        List<AgeIdentity> identities = new ArrayList<>();
        keys.ifPresent(text -> identities.addAll(AgeIdentities.parse(text, KEYS)));
        keysFile.ifPresent(file -> {
            try {
                identities.addAll(AgeIdentities.parse(Files.readString(file, StandardCharsets.UTF_8),
                        KEYS_FILE + " " + file));
            } catch (IOException e) {
                throw new SopsException("cannot read the age identities of " + KEYS_FILE + " from " + file + ": " + e);
            }
        });
        this.configured = List.copyOf(identities);
        this.digests = SopsDigests.withKeyRing(ring);
    }

    /** Digests the values decrypted, for the observer's drift detection. */
    public SopsDigests digests() {
        return digests;
    }

    /**
     * The identities for a release applied with {@code client}: Flotilla's, then those of {@code decryptionSecret}
     * ({@code namespace/name}, or null).
     */
    public Supplier<List<AgeIdentity>> forRelease(String decryptionSecret, KubernetesClient client) {
        return () -> {
            if (decryptionSecret == null) {
                return configured;
            }
            List<AgeIdentity> identities = new ArrayList<>(configured);
            identities.addAll(ofSecret(decryptionSecret, client));
            return identities;
        };
    }

    private static List<AgeIdentity> ofSecret(String namespacedName, KubernetesClient client) {
        String[] parts = namespacedName.split("/", 2);
        Secret secret = client.secrets().inNamespace(parts[0]).withName(parts[1]).get();
        String origin = "Secret " + namespacedName + " (spec.decryption.secretRef)";
        if (secret == null) {
            throw new SopsException(origin + " does not exist on the cluster");
        }
        List<AgeIdentity> identities = new ArrayList<>();
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        data.forEach((key, value) -> {
            if (key.endsWith(AGE_KEY_SUFFIX)) {
                identities.addAll(AgeIdentities.parse(new String(Base64.getDecoder().decode(value),
                        StandardCharsets.UTF_8), origin + " key " + key));
            }
        });
        if (secret.getStringData() != null) {
            secret.getStringData().forEach((key, value) -> {
                if (key.endsWith(AGE_KEY_SUFFIX)) {
                    identities.addAll(AgeIdentities.parse(value, origin + " key " + key));
                }
            });
        }
        if (identities.isEmpty()) {
            throw new SopsException(origin + " has no *" + AGE_KEY_SUFFIX + " entry");
        }
        return identities;
    }
}
