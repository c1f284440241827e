package io.flotilla.imageupdater.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shared secret registry webhooks prove themselves with ({@code flotilla.images.webhook-secret}), in whichever
 * way the registry can: an {@code Authorization} header holding it, as {@code Bearer <secret>} or alone (the
 * distribution registry's endpoint {@code headers}, Harbor's auth header); a {@code token} query parameter (Docker
 * Hub, which can neither sign nor add headers); or an HMAC-SHA256 of the body in {@code X-Hub-Signature-256}
 * (GitHub's package events). Comparisons take as long for a near miss as for a wild guess.
 */
public final class HookSecret {

    private static final String SHA256_PREFIX = "sha256=";

    private final String secret;

    public HookSecret(String secret) {
        this.secret = secret;
    }

    /** Whether the delivery proves it knows the secret in one of the ways above. */
    public boolean accepts(String authorization, String token, String signature, byte[] body) {
        if (authorization != null) {
            String given = authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? authorization.substring(7).strip() : authorization.strip();
            if (same(sha256(given), sha256(secret))) {
                return true;
            }
        }
        if (token != null && same(sha256(token), sha256(secret))) {
            return true;
        }
        return signature != null && signature.startsWith(SHA256_PREFIX)
                && same(hmacSha256(body).getBytes(StandardCharsets.US_ASCII), signature
                .substring(SHA256_PREFIX.length()).strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** The lower-case hex HMAC-SHA256 of {@code body} under the secret, as GitHub signs a delivery. */
    public String hmacSha256(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JVM", e);
        }
    }

    private static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
