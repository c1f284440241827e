package io.flotilla.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * How an API token is kept: only its SHA-256, as {@code sha256:<hex>}, so a leaked configuration or tokens Secret
 * gives no one a token. A plain hash is enough (no salt, no slow hashing) because every token is 256 random bits,
 * never a password someone chose; the {@value #PREFIX} prefix tells Flotilla's tokens from an OpenID Connect token
 * without trying either.
 */
public final class TokenHash {

    /** Every API token Flotilla makes starts with this. */
    public static final String PREFIX = "flt_";
    private static final String ALGORITHM = "sha256:";
    private static final int TOKEN_BYTES = 32;

    private TokenHash() {
    }

    /** A new API token: {@value #PREFIX} and 32 random bytes, base64url. */
    public static String newToken() {
        byte[] random = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(random);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** What configuration keeps of {@code token}: {@code sha256:<64 hex digits>}. */
    public static String of(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return ALGORITHM + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Whether {@code presented} (a bearer token or a cookie) has the shape of one of Flotilla's API tokens. */
    public static boolean isApiToken(String presented) {
        return presented != null && presented.startsWith(PREFIX);
    }

    /**
     * {@code hash} checked and spelled as {@link #of} spells it (lower case), or an error saying why it is no hash.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static String parse(String hash) {
        String value = hash.strip().toLowerCase(java.util.Locale.ROOT);
        if (!value.startsWith(ALGORITHM)) {
            throw new IllegalArgumentException("'" + shortened(hash) + "' is not a token hash: it must read "
                    + "sha256:<64 hex digits> (the token itself is never configured: "
                    + "printf %s TOKEN | sha256sum gives the digits)");
        }
        String hex = value.substring(ALGORITHM.length());
        if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("'" + shortened(hash) + "' is not a token hash: after sha256: come "
                    + "64 hex digits");
        }
        return value;
    }

    /** Enough of a value to find it in a file, never a whole secret someone pasted by mistake. */
    private static String shortened(String value) {
        String stripped = value.strip();
        return stripped.length() <= 12 ? stripped : stripped.substring(0, 12) + "...";
    }
}
