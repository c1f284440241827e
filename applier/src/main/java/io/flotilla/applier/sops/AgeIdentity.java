package io.flotilla.applier.sops;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An age X25519 identity ({@code AGE-SECRET-KEY-1...}): opens the stanzas an age file wrapped its file key in for
 * the matching {@code age1...} recipient (X25519, HKDF-SHA256, ChaCha20-Poly1305, as age's specification says).
 */
public final class AgeIdentity {

    private static final String IDENTITY_HRP = "age-secret-key-";
    private static final String RECIPIENT_HRP = "age";
    private static final byte[] STANZA_INFO = "age-encryption.org/v1/X25519".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BASE_POINT = new byte[32];

    static {
        BASE_POINT[0] = 9;
    }

    private final PrivateKey key;
    private final byte[] publicKey;

    private AgeIdentity(PrivateKey key, byte[] publicKey) {
        this.key = key;
        this.publicKey = publicKey;
    }

    /**
     * @param text {@code AGE-SECRET-KEY-1...}
     * @throws IllegalArgumentException saying what is wrong with it, never the key
     */
    public static AgeIdentity parse(String text) {
        String trimmed = text.strip();
        byte[] scalar;
        try {
            scalar = Bech32.decode(IDENTITY_HRP, trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an age identity (AGE-SECRET-KEY-1...): it " + e.getMessage(), e);
        }
        if (scalar.length != 32) {
            throw new IllegalArgumentException("not an age X25519 identity: " + scalar.length + " bytes, not 32");
        }
        try {
            PrivateKey key = KeyFactory.getInstance("XDH")
                    .generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
            return new AgeIdentity(key, x25519(key, BASE_POINT));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the JDK refuses this age identity: " + e.getMessage(), e);
        }
    }

    /** The {@code age1...} recipient this identity opens files for. */
    public String recipient() {
        return Bech32.encode(RECIPIENT_HRP, publicKey);
    }

    /** The file key an X25519 stanza wraps, if it was wrapped for this identity. */
    Optional<byte[]> unwrap(byte[] ephemeralShare, byte[] body) {
        try {
            byte[] shared = x25519(key, ephemeralShare);
            byte[] salt = new byte[64];
            System.arraycopy(ephemeralShare, 0, salt, 0, 32);
            System.arraycopy(publicKey, 0, salt, 32, 32);
            byte[] wrapping = hkdf(shared, salt, STANZA_INFO);
            return Optional.of(chaCha20Poly1305Open(wrapping, new byte[12], body));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static byte[] x25519(PrivateKey key, byte[] point) throws GeneralSecurityException {
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = point[31 - i];
        }
        bigEndian[0] &= 0x7f;
        KeyAgreement agreement = KeyAgreement.getInstance("XDH");
        agreement.init(key);
        agreement.doPhase(KeyFactory.getInstance("XDH").generatePublic(
                new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, bigEndian))), true);
        return agreement.generateSecret();
    }

    /** HKDF-SHA256 (RFC 5869) of 32 bytes. */
    static byte[] hkdf(byte[] secret, byte[] salt, byte[] info) throws GeneralSecurityException {
        Mac extract = Mac.getInstance("HmacSHA256");
        extract.init(new SecretKeySpec(salt.length == 0 ? new byte[32] : salt, "HmacSHA256"));
        byte[] pseudoRandom = extract.doFinal(secret);
        Mac expand = Mac.getInstance("HmacSHA256");
        expand.init(new SecretKeySpec(pseudoRandom, "HmacSHA256"));
        expand.update(info);
        expand.update((byte) 1);
        return Arrays.copyOf(expand.doFinal(), 32);
    }

    static byte[] chaCha20Poly1305Open(byte[] key, byte[] nonce, byte[] sealed) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        return cipher.doFinal(sealed);
    }
}
