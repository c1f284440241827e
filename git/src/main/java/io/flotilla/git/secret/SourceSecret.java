package io.flotilla.git.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The data of one Secret a source's {@code secretRef} names, by key ({@code username}, {@code identity},
 * {@code ca.crt}...), and where it was found, for messages. Its values never appear in {@link #toString()}.
 */
public final class SourceSecret {

    private final SecretRef ref;
    private final Map<String, byte[]> data;
    private final String where;

    public SourceSecret(SecretRef ref, Map<String, byte[]> data, String where) {
        this.ref = ref;
        this.data = Map.copyOf(data);
        this.where = where;
    }

    public SecretRef ref() {
        return ref;
    }

    /** Where the Secret was read: {@code the folder /etc/flotilla/source-secrets}, {@code the cluster Flotilla runs in}. */
    public String where() {
        return where;
    }

    public boolean has(String key) {
        return data.containsKey(key);
    }

    public Optional<byte[]> bytes(String key) {
        return Optional.ofNullable(data.get(key)).map(byte[]::clone);
    }

    /** The value of {@code key} as UTF-8 text; a value empty or only blanks counts as absent. */
    public Optional<String> text(String key) {
        return Optional.ofNullable(data.get(key)).map(value -> new String(value, StandardCharsets.UTF_8))
                .filter(value -> !value.isBlank());
    }

    /** A digest of the keys and values: equal exactly when the data is (a Secret rotated changes it). */
    public String digest() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> entry : new TreeMap<>(data).entrySet()) {
                sha256.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
                sha256.update(Integer.toString(entry.getValue().length).getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
                sha256.update(entry.getValue());
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** The Secret and the keys it has, never their values. */
    @Override
    public String toString() {
        return "Secret " + ref + " (keys " + new TreeMap<>(data).keySet() + ", from " + where + ")";
    }
}
