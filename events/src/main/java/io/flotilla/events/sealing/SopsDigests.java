package io.flotilla.events.sealing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keyed digests of the values the applier decrypted from a SOPS-encrypted object, which it writes on the object it
 * applies ({@link #ANNOTATION}: a JSON object from each value's JSON pointer to its digest), so that the observer,
 * which never holds an age identity, tells a value changed by hand on the cluster from the value applied: it digests
 * the live value and compares. The digest is HMAC-SHA256 over the pointer and the value, with a key derived from the
 * fleet's key that the applier and the observer both hold and nothing publishes ({@code
 * flotilla.clusters.credentials-key}), so a digest reveals nothing of a value to whoever reads the object's
 * annotations, and cannot be made anew for a value changed by hand.
 */
public final class SopsDigests {

    /** The annotation the digests are written in. */
    public static final String ANNOTATION = "flotilla.io/sops-digests";

    private static final byte[] PURPOSE = "flotilla: digests of values decrypted from SOPS files, v1"
            .getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretKeySpec key;

    private SopsDigests(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * @param fleetKey the fleet's key, base64, as {@code flotilla.clusters.credentials-key} gives it
     * @throws IllegalArgumentException when it is missing or not base64 (never naming the key)
     */
    public static SopsDigests withFleetKey(String fleetKey) {
        if (fleetKey == null || fleetKey.isBlank()) {
            throw new IllegalArgumentException("no fleet key to digest SOPS-decrypted values with");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(fleetKey.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the fleet key to digest SOPS-decrypted values with is not base64", e);
        }
        return new SopsDigests(hmac(new SecretKeySpec(bytes, "HmacSHA256"), PURPOSE));
    }

    /** The digest of {@code value} at {@code pointer} (a JSON pointer into the object, as drift names fields). */
    public String of(String pointer, String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key,
                (pointer + "\n" + value).getBytes(StandardCharsets.UTF_8)));
    }

    /** The annotation's value for these digests, by pointer. */
    public static String annotation(Map<String, String> digests) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(digests));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digests an annotation's value holds, by pointer; none when it is not one. */
    public static Map<String, String> read(String annotation) {
        if (annotation == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(annotation, new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256: " + e.getMessage(), e);
        }
    }
}
