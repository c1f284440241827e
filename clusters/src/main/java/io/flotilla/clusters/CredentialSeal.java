package io.flotilla.clusters;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals cluster credentials with the fleet's credentials key ({@code flotilla.clusters.credentials-key}: 32 random
 * bytes, base64), AES-256-GCM with a random nonce per seal, so that credentials are never in clear on the clusters
 * topic or in the registry's table. A sealed value reads {@code v1:<base64 of nonce and ciphertext>}; a value sealed
 * with another key, or altered, does not unseal.
 */
public final class CredentialSeal {

    public static final String PROPERTY = "flotilla.clusters.credentials-key";

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private CredentialSeal(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** @throws IllegalArgumentException naming the property when the key is missing or not 32 bytes of base64 */
    public static CredentialSeal withKey(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException(PROPERTY + " is not set: give 32 random bytes in base64"
                    + " (for example: head -c 32 /dev/urandom | base64)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " is not base64: " + e.getMessage(), e);
        }
        if (key.length != 32) {
            throw new IllegalArgumentException(PROPERTY + " must be 32 bytes, base64; it is " + key.length + " bytes");
        }
        return new CredentialSeal(key);
    }

    /** A new random key, base64, as {@code flotilla up} makes one for its stack. */
    public static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public String seal(String plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal with AES-GCM: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException when the value was sealed with another key, altered or is not sealed */
    public String unseal(String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("the credentials are not sealed (no " + PREFIX + " prefix)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the sealed credentials are not base64", e);
        }
        if (bytes.length <= NONCE_BYTES) {
            throw new IllegalArgumentException("the sealed credentials are too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "the credentials do not unseal with this " + PROPERTY + ": sealed with another key, or altered", e);
        }
    }
}
