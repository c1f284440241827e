package io.flotilla.registrysecrets.pullsecret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What may be shown of a Secret's data: {@code sha256:<hex>} over its keys and (base64) values in key order. Two
 * Secrets with the same data have the same digest, so a copy can be told current without showing either.
 */
public final class SeedDigest {

    private SeedDigest() {
    }

    public static String of(Map<String, String> data) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
        for (Map.Entry<String, String> entry : new TreeMap<>(data == null ? Map.of() : data).entrySet()) {
            sha256.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(entry.getValue().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
        }
        return "sha256:" + HexFormat.of().formatHex(sha256.digest());
    }
}
