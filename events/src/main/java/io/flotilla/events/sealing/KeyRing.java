package io.flotilla.events.sealing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption keys of a Flotilla installation, by id. The first key seals; every key opens what it sealed,
 * so a key is rotated by putting a new one first and keeping the old ones until nothing sealed with them is left.
 * <p>
 * Written as entries {@code <id>:<32 random bytes in base64>}, separated by commas or lines ({@code
 * flotilla.secrets.keys}, or the file {@code flotilla.secrets.keys-file}, such as a Kubernetes Secret mounted as a
 * file). The id travels with every sealed value, never the key.
 */
public final class KeyRing {

    /** The setting that gives the keys inline. */
    public static final String KEYS = "flotilla.secrets.keys";
    /** The setting that names a file holding the keys. */
    public static final String KEYS_FILE = "flotilla.secrets.keys-file";

    static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int KEY_BYTES = 32;
    private static final int OPENED_KEPT = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentId;
    private final Map<String, SecretKeySpec> keys;
    /** Data keys unwrapped lately: a rendering's Secrets share one, so it is unwrapped once, not per value. */
    private final Map<String, SecretKeySpec> openedDataKeys = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SecretKeySpec> eldest) {
            return size() > OPENED_KEPT;
        }
    };

    private KeyRing(String currentId, Map<String, SecretKeySpec> keys) {
        this.currentId = currentId;
        this.keys = keys;
    }

    /**
     * The ring written in {@code entries}; {@code origin} names where they came from in a failure.
     *
     * @throws SealingException naming the entry that is not {@code <id>:<base64 of 32 bytes>}, never the key
     */
    public static KeyRing parse(String entries, String origin) {
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        List<String> written = new ArrayList<>();
        for (String entry : entries == null ? new String[0] : entries.split("[,\\n]")) {
            if (!entry.isBlank() && !entry.strip().startsWith("#")) {
                written.add(entry.strip());
            }
        }
        if (written.isEmpty()) {
            throw new SealingException(origin + " holds no key: give <id>:<32 random bytes in base64>, for example "
                    + "\"k1:$(head -c 32 /dev/urandom | base64)\"");
        }
        for (int i = 0; i < written.size(); i++) {
            String entry = written.get(i);
            int colon = entry.indexOf(':');
            String id = colon < 0 ? "" : entry.substring(0, colon).strip();
            String where = origin + ", key #" + (i + 1);
            if (!ID.matcher(id).matches()) {
                throw new SealingException(where + ": write it <id>:<base64>, the id of letters, digits, '.', '_' or '-'");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new SealingException(where + " (" + id + "): the key is not base64");
            }
            if (key.length != KEY_BYTES) {
                throw new SealingException(where + " (" + id + "): the key must be 32 bytes, it is " + key.length);
            }
            if (keys.putIfAbsent(id, new SecretKeySpec(key, "AES")) != null) {
                throw new SealingException(where + ": the id " + id + " is given twice");
            }
        }
        return new KeyRing(keys.keySet().iterator().next(), Map.copyOf(keys));
    }

    /** The ring kept in {@code file}. */
    public static KeyRing read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new SealingException("cannot read the keys of " + KEYS_FILE + " from " + file + ": " + e, e);
        }
    }

    /** A new entry {@code <id>:<32 random bytes in base64>}, to put first in a ring. */
    public static String newEntry(String id) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a key id is letters, digits, '.', '_' or '-': " + id);
        }
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return id + ":" + Base64.getEncoder().encodeToString(key);
    }

    /** The id of the key that seals. */
    public String currentId() {
        return currentId;
    }

    /** A fresh data key, wrapped with the current key: one per rendering, or per value a service keeps. */
    public DataKey newDataKey() {
        return DataKey.fresh(currentId, keys.get(currentId));
    }

    /**
     * Opens what {@link DataKey#seal} made, with the same {@code context}.
     *
     * @throws SealingException when the key it names is not in this ring, or the value or its context was altered
     */
    public String open(String sealed, String context) {
        SealedValue value = SealedValue.parse(sealed);
        SecretKeySpec wrapping = keys.get(value.keyId());
        if (wrapping == null) {
            throw new SealingException("sealed with the key " + value.keyId() + ", which is not in the key ring ("
                    + KEYS + " or " + KEYS_FILE + " has " + String.join(", ", keys.keySet()) + ")");
        }
        String wrapped = value.keyId() + ":" + value.wrappedKey();
        SecretKeySpec dataKey;
        synchronized (openedDataKeys) {
            dataKey = openedDataKeys.get(wrapped);
        }
        if (dataKey == null) {
            dataKey = DataKey.unwrap(value, wrapping);
            synchronized (openedDataKeys) {
                openedDataKeys.put(wrapped, dataKey);
            }
        }
        return DataKey.open(value, dataKey, context);
    }

    /**
     * Whether {@code sealed} was sealed with the current key: what a service keeps sealed with an older key of the
     * ring is sealed again where the service can do it (cluster credentials in the observer's registry).
     */
    public boolean sealedWithCurrentKey(String sealed) {
        return isSealed(sealed) && sealed.startsWith(SealedValue.PREFIX + currentId + ":");
    }

    /**
     * A key for one purpose, derived from the ring's key {@code id} (HMAC-SHA256 of {@code purpose} under it), so that
     * what it keys tells nothing of the ring's key; empty when the ring has no key {@code id}.
     */
    public Optional<SecretKeySpec> derivedKey(String id, String purpose) {
        SecretKeySpec key = keys.get(id);
        if (key == null) {
            return Optional.empty();
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return Optional.of(new SecretKeySpec(mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8)), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new SealingException("the JDK has no HmacSHA256: " + e.getMessage(), e);
        }
    }

    /** Whether {@code text} is a value {@link DataKey#seal} made (it may still not open). */
    public static boolean isSealed(String text) {
        return text != null && text.startsWith(SealedValue.PREFIX);
    }
}
