package io.flotilla.events.sealing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keyed digests of the values the applier decrypted from a SOPS-encrypted object, which it writes on the object it
 * applies ({@link #ANNOTATION}: a JSON object from each value's JSON pointer to its digest), so that the observer,
 * which never holds an age identity, tells a value changed by hand on the cluster from the value applied: it digests
 * the live value and compares. A digest is {@code <key id>:<HMAC-SHA256 over the pointer and the value>}, keyed with
 * a key derived from the installation's key ring ({@link KeyRing#derivedKey}) that the applier and the observer both
 * hold and nothing publishes, so a digest reveals nothing of a value to whoever reads the object's annotations, and
 * cannot be made anew for a value changed by hand. The applier digests with the ring's current key; a digest made
 * with a key since removed from the ring matches nothing, so its object shows as drifted until its release is applied
 * again.
 */
public final class SopsDigests {

    /** The annotation the digests are written in. */
    public static final String ANNOTATION = "flotilla.io/sops-digests";

    private static final String PURPOSE = "flotilla: digests of values decrypted from SOPS files, v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeyRing ring;
    /**
     * The digest key of each of the ring's key ids asked for, derived once: every value digested or checked uses one.
     * An id the ring does not have is not kept, so ids read from annotations cannot grow it.
     */
    private final Map<String, SecretKeySpec> keys = new ConcurrentHashMap<>();

    private SopsDigests(KeyRing ring) {
        this.ring = ring;
    }

    /** Digests keyed from {@code ring}. */
    public static SopsDigests withKeyRing(KeyRing ring) {
        return new SopsDigests(ring);
    }

    /** The digest of {@code value} at {@code pointer} (a JSON pointer into the object, as drift names fields). */
    public String of(String pointer, String value) {
        String id = ring.currentId();
        return id + ":" + mac(key(id).orElseThrow(), pointer, value);
    }

    /** Whether {@code digest} was made of {@code value} at {@code pointer} with a key of the ring. */
    public boolean matches(String digest, String pointer, String value) {
        int colon = digest.indexOf(':');
        if (colon < 0) {
            return false;
        }
        return key(digest.substring(0, colon))
                .map(key -> MessageDigest.isEqual(digest.substring(colon + 1).getBytes(StandardCharsets.UTF_8),
                        mac(key, pointer, value).getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }

    private Optional<SecretKeySpec> key(String id) {
        return Optional.ofNullable(keys.computeIfAbsent(id, known -> ring.derivedKey(known, PURPOSE).orElse(null)));
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

    private static String mac(SecretKeySpec key, String pointer, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal((pointer + "\n" + value).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256: " + e.getMessage(), e);
        }
    }
}
