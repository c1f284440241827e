package io.flotilla.gitwatcher.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signature and token checks that take as long for a near miss as for a wild guess. */
final class Secrets {

    private Secrets() {
    }

    private static final String SHA256_PREFIX = "sha256=";

    /** Whether {@code signatureHex} is the HMAC-SHA256 of {@code body} under {@code secret}. */
    static boolean hmacSha256Matches(String secret, byte[] body, String signatureHex) {
        if (signatureHex == null) {
            return false;
        }
        return MessageDigest.isEqual(hmacSha256(secret, body).getBytes(StandardCharsets.US_ASCII),
                signatureHex.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether {@code header} is {@code sha256=<hex>} with the HMAC-SHA256 of {@code body}, as GitHub and Bitbucket sign. */
    static boolean prefixedHmacSha256Matches(String secret, byte[] body, String header) {
        return header != null && header.startsWith(SHA256_PREFIX)
                && hmacSha256Matches(secret, body, header.substring(SHA256_PREFIX.length()));
    }

    /** The lower-case hex HMAC-SHA256 of {@code body} under {@code secret}: what a Git host signs a delivery with. */
    static String hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JVM", e);
        }
    }

    /** Whether {@code given} is {@code secret}; digests of both are compared, so not even the length leaks. */
    static boolean tokenMatches(String secret, String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(secret), sha256(given));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
