package io.flotilla.imageupdater.signature;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a cosign signature signs: the "simple signing" JSON naming the image by manifest digest,
 * {@code {"critical": {"identity": {"docker-reference": ...}, "image": {"docker-manifest-digest": "sha256:..."},
 * "type": "cosign container image signature"}, "optional": ...}}. A signature is good for an image only if its payload
 * names that image's digest: a valid signature moved to another tag proves nothing about it.
 */
public record SimpleSigningPayload(String type, String digest, String reference) {

    /** The type cosign writes. */
    public static final String COSIGN_TYPE = "cosign container image signature";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The payload in {@code json}; throws {@link IllegalArgumentException} with the reason when it is none. */
    public static SimpleSigningPayload read(byte[] json) {
        JsonNode critical;
        try {
            critical = JSON.readTree(json).path("critical");
        } catch (IOException e) {
            throw new IllegalArgumentException("the signed payload is not JSON: " + e.getMessage(), e);
        }
        String digest = critical.path("image").path("docker-manifest-digest").asText("");
        if (digest.isEmpty()) {
            throw new IllegalArgumentException("the signed payload names no critical.image.docker-manifest-digest");
        }
        return new SimpleSigningPayload(critical.path("type").asText(""), digest,
                critical.path("identity").path("docker-reference").asText(""));
    }
}
