package io.flotilla.events.sealing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A fresh AES-256 key that seals the values of one rendering (or one stored credential), kept only wrapped with a
 * key of the {@link KeyRing} (AES-256-GCM, the key's id as associated data). Each value is sealed with its own
 * random nonce and a context (which Secret, which key of its data) as associated data, so that a sealed value
 * moved to another place does not open there.
 */
public final class DataKey {

    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final String keyId;
    private final SecretKey key;
    private final String wrapped;

    private DataKey(String keyId, SecretKey key, String wrapped) {
        this.keyId = keyId;
        this.key = key;
        this.wrapped = wrapped;
    }

    static DataKey fresh(String keyId, SecretKeySpec wrapping) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            SecretKey key = generator.generateKey();
            return new DataKey(keyId, key, ENCODER.encodeToString(encrypt(wrapping, key.getEncoded(), wrapAad(keyId))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make an AES-256 key: " + e.getMessage(), e);
        }
    }

    /** {@code plain} sealed for {@code context}, which {@link KeyRing#open} must be given again. */
    public String seal(String plain, String context) {
        String ciphertext = ENCODER.encodeToString(
                encrypt(key, plain.getBytes(StandardCharsets.UTF_8), context.getBytes(StandardCharsets.UTF_8)));
        return new SealedValue(keyId, wrapped, ciphertext).text();
    }

    static SecretKeySpec unwrap(SealedValue value, SecretKeySpec wrapping) {
        byte[] key = decrypt(wrapping, decode(value.wrappedKey()), wrapAad(value.keyId()),
                "its data key does not open with the key " + value.keyId() + ": that key was changed, or the value altered");
        return new SecretKeySpec(key, "AES");
    }

    static String open(SealedValue value, SecretKeySpec dataKey, String context) {
        return new String(decrypt(dataKey, decode(value.ciphertext()), context.getBytes(StandardCharsets.UTF_8),
                "it does not open as " + context + ": altered, or moved from another place"), StandardCharsets.UTF_8);
    }

    private static byte[] wrapAad(String keyId) {
        return ("flotilla data key " + keyId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] encrypt(SecretKey key, byte[] plain, byte[] aad) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal with AES-GCM: " + e.getMessage(), e);
        }
    }

    private static byte[] decrypt(SecretKey key, byte[] sealed, byte[] aad, String refused) {
        if (sealed.length <= NONCE_BYTES) {
            throw new SealingException("a sealed value is cut: " + refused);
        }
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new SealingException(refused, e);
        }
    }

    private static byte[] decode(String base64) {
        try {
            return DECODER.decode(base64);
        } catch (IllegalArgumentException e) {
            throw new SealingException("a sealed value is altered: not base64");
        }
    }
}
