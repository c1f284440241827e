package io.flotilla.clusters;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.flotilla.events.sealing.KeyRing;

/**
 * Seals cluster credentials (the kubeconfig of one cluster) with the installation's {@link KeyRing}, as Secret data
 * and sources' credentials are: a fresh data key per seal wrapped with the ring's first key, the cluster as the place
 * the value belongs to ({@code cluster <name> credentials}). So credentials are never in clear on the clusters topic or
 * in the registry's table, their key is rotated as the ring's keys are (a new key first, the old ones kept while
 * anything sealed with them is), and credentials copied into another cluster's registration do not open there.
 * <p>
 * Credentials sealed before the ring sealed them, {@code v1:<base64 of nonce and ciphertext>} (AES-256-GCM with the one
 * key {@value #EARLIER_KEY}), still open while that key is given; the observer seals them again with the ring at its
 * start, after which that key is no longer needed.
 */
public final class CredentialSeal {

    /** The one key that sealed cluster credentials before the key ring did (32 random bytes, base64). */
    public static final String EARLIER_KEY = "flotilla.clusters.credentials-key";

    private static final String EARLIER_PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final KeyRing ring;
    private final Optional<SecretKeySpec> earlierKey;

    private CredentialSeal(KeyRing ring, Optional<SecretKeySpec> earlierKey) {
        this.ring = ring;
        this.earlierKey = earlierKey;
    }

    /**
     * @param earlierKey {@value #EARLIER_KEY}, to open credentials sealed before the ring sealed them; empty when none
     *                   are kept
     * @throws IllegalArgumentException naming the property when the earlier key is given but not 32 bytes of base64
     */
    public static CredentialSeal with(KeyRing ring, Optional<String> earlierKey) {
        return new CredentialSeal(ring, earlierKey.filter(key -> !key.isBlank()).map(CredentialSeal::key));
    }

    private static SecretKeySpec key(String base64Key) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(EARLIER_KEY + " is not base64: " + e.getMessage(), e);
        }
        if (key.length != 32) {
            throw new IllegalArgumentException(EARLIER_KEY + " must be 32 bytes, base64; it is " + key.length
                    + " bytes");
        }
        return new SecretKeySpec(key, "AES");
    }

    /** {@code kubeconfig} sealed for {@code cluster} with the ring's current key. */
    public String seal(String cluster, String kubeconfig) {
        return ring.newDataKey().seal(kubeconfig, context(cluster));
    }

    /**
     * @throws IllegalArgumentException naming the cluster, the reason (a key that is not in the ring any more, another
     *                                  cluster's credentials, an altered value) and what to do: register the cluster
     *                                  again, or give back the key so that the observer seals them again
     */
    public String unseal(String cluster, String sealed) {
        try {
            if (KeyRing.isSealed(sealed)) {
                return ring.open(sealed, context(cluster));
            }
            if (sealed != null && sealed.startsWith(EARLIER_PREFIX)) {
                return openEarlier(sealed);
            }
            throw new IllegalArgumentException("they are not sealed");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cluster " + cluster + ": its credentials do not open: " + e.getMessage()
                    + ". Register the cluster again (flotilla cluster add, POST /api/clusters, or its cluster Secret),"
                    + " or give back the key that sealed them, so that the observer seals them again with the current"
                    + " key of the ring at its start", e);
        }
    }

    /** Whether {@code sealed} is sealed with the ring's current key; if not, the observer seals it again. */
    public boolean sealedWithCurrentKey(String sealed) {
        return ring.sealedWithCurrentKey(sealed);
    }

    private static String context(String cluster) {
        return "cluster " + cluster + " credentials";
    }

    private String openEarlier(String sealed) {
        SecretKeySpec key = earlierKey.orElseThrow(() -> new IllegalArgumentException("they were sealed with "
                + EARLIER_KEY + ", which is not set"));
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(EARLIER_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("they are altered: not base64", e);
        }
        if (bytes.length <= NONCE_BYTES) {
            throw new IllegalArgumentException("they are cut");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("they do not open with this " + EARLIER_KEY
                    + ": sealed with another key, or altered", e);
        }
    }
}
