package io.flotilla.events.sealing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Objects committed SOPS-encrypted, as a rendering carries them to the applier: their {@code ENC[...]} values as
 * committed (a Secret's sealed on top, as every Secret's data is), and in their {@code sops} metadata the file they
 * came from and its text as committed, so that the applier checks the file's MAC over what was committed, whatever
 * kustomize or the renderer added to the object (a namespace, labels) on the way.
 */
public final class SopsObjects {

    /** The metadata key SOPS writes into each document of a file it encrypted. */
    public static final String METADATA = "sops";
    /** The file an object came from, in its {@code sops} metadata. */
    public static final String FILE = "flotillaFile";
    /** The file's text as committed, in its {@code sops} metadata. */
    public static final String TEXT = "flotillaText";

    private SopsObjects() {
    }

    /** Whether {@code object} was committed SOPS-encrypted. */
    public static boolean isEncrypted(Map<String, Object> object) {
        return object.get(METADATA) instanceof Map<?, ?>;
    }

    /** Whether {@code value} is a value SOPS encrypted, {@code ENC[...]}. */
    public static boolean isEncryptedValue(Object value) {
        return value instanceof String text && text.startsWith("ENC[");
    }

    /** {@code object} naming {@code file} and its {@code text} in its {@code sops} metadata. */
    public static Map<String, Object> withOrigin(Map<String, Object> object, String file, String text) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        ((Map<?, ?>) object.get(METADATA)).forEach((key, value) -> metadata.put(String.valueOf(key), value));
        metadata.put(FILE, file);
        metadata.put(TEXT, text);
        Map<String, Object> changed = new LinkedHashMap<>(object);
        changed.put(METADATA, metadata);
        return changed;
    }
}
