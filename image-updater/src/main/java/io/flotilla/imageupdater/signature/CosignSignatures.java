package io.flotilla.imageupdater.signature;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flotilla.imageupdater.registry.ImageRepository;
import io.flotilla.imageupdater.registry.RegistryClient;
import io.flotilla.imageupdater.registry.RegistryException;

/**
 * The signatures cosign stored for an image: an OCI artifact tagged {@code sha256-<hex>.sig} in the image's
 * repository, one layer per signature, whose blob is the signed payload and whose annotation
 * {@value #SIGNATURE_ANNOTATION} holds the signature (base64 of DER). Layers without the annotation are not
 * signatures and are left out.
 */
final class CosignSignatures {

    static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A payload and the signature of it, as stored. */
    record Signed(byte[] payload, byte[] signature) {
    }

    private CosignSignatures() {
    }

    /** The tag cosign stores the signatures of {@code digest} under. */
    static String tagOf(String digest) {
        return digest.replace(':', '-') + ".sig";
    }

    /** The signatures of {@code digest} in {@code repository}; empty when it has no signature tag. */
    static Optional<List<Signed>> of(RegistryClient registry, ImageRepository repository, String digest) {
        Optional<byte[]> manifest = registry.manifestIfPresent(repository, tagOf(digest));
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        JsonNode layers;
        try {
            layers = JSON.readTree(manifest.get()).path("layers");
        } catch (IOException e) {
            throw new RegistryException(repository + ": the signature manifest " + tagOf(digest) + " is not JSON: "
                    + e.getMessage(), e);
        }
        List<Signed> signatures = new ArrayList<>();
        for (JsonNode layer : layers) {
            String signature = layer.path("annotations").path(SIGNATURE_ANNOTATION).asText("");
            if (signature.isEmpty()) {
                continue;
            }
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(signature.trim());
            } catch (IllegalArgumentException e) {
                decoded = new byte[0];
            }
            signatures.add(new Signed(registry.blob(repository, layer.path("digest").asText()), decoded));
        }
        return Optional.of(signatures);
    }
}
