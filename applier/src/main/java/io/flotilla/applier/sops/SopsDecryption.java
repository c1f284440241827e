package io.flotilla.applier.sops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import io.flotilla.events.sealing.SopsDigests;
import io.flotilla.events.sealing.SopsObjects;

/**
 * Opens the objects of a rendering that were committed SOPS-encrypted, right before they are applied: the file each
 * came from is decrypted as committed (data key, values, MAC), and each {@code ENC[...]} value of the object is
 * replaced by the clear value it had there; the {@code sops} metadata is left out of what is applied, and the keyed
 * digest of each value decrypted is written in its {@link SopsDigests#ANNOTATION}, so that the observer can tell a
 * value changed by hand without decrypting anything. An object whose file does not decrypt fails the release naming
 * the file, the object and why.
 */
public final class SopsDecryption {

    private SopsDecryption() {
    }

    /**
     * @param identities the age identities to try, asked for only when an object is SOPS-encrypted
     * @param digests    digests the values decrypted, for the observer's drift detection
     * @throws SopsException naming the file, the object and why
     */
    public static List<Map<String, Object>> decrypt(List<Map<String, Object>> objects,
            Supplier<List<AgeIdentity>> identities, SopsDigests digests) {
        if (objects.stream().noneMatch(SopsObjects::isEncrypted)) {
            return objects;
        }
        List<AgeIdentity> keys = identities.get();
        Map<String, Map<String, Object>> openedFiles = new LinkedHashMap<>();
        List<Map<String, Object>> decrypted = new ArrayList<>(objects.size());
        for (Map<String, Object> object : objects) {
            if (!SopsObjects.isEncrypted(object)) {
                decrypted.add(object);
                continue;
            }
            Map<?, ?> metadata = (Map<?, ?>) object.get(SopsObjects.METADATA);
            String file = metadata.get(SopsObjects.FILE) instanceof String name ? name : "a SOPS file";
            String where = file + ": " + name(object);
            if (!(metadata.get(SopsObjects.TEXT) instanceof String text)) {
                throw new SopsException(where + " is SOPS-encrypted but the rendering does not carry its file;"
                        + " render the commit again");
            }
            Map<String, Object> opened;
            try {
                opened = openedFiles.computeIfAbsent(file + "\n" + text, any -> SopsFile.parse(text).decrypt(keys));
            } catch (SopsException e) {
                throw new SopsException(where + " does not decrypt: " + e.getMessage());
            }
            Map<String, Object> clear = new LinkedHashMap<>(object);
            clear.remove(SopsObjects.METADATA);
            Map<String, String> digested = new LinkedHashMap<>();
            clear = castMap(replaced(clear, "", opened, where, (pointer, value) -> digested.put(pointer,
                    digests.of(pointer, String.valueOf(value)))));
            decrypted.add(annotated(clear, SopsDigests.annotation(digested)));
        }
        return decrypted;
    }

    /** {@code value} with each {@code ENC[...]} value replaced by its clear value, each told to {@code decrypted}. */
    private static Object replaced(Object value, String pointer, Map<String, Object> opened, String where,
            BiConsumer<String, Object> decrypted) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, child) -> copy.put(String.valueOf(key), replaced(child,
                    pointer + "/" + escape(String.valueOf(key)), opened, where, decrypted)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(replaced(list.get(i), pointer + "/" + i, opened, where, decrypted));
            }
            return copy;
        }
        if (SopsObjects.isEncryptedValue(value)) {
            Object clear = opened.get(value);
            if (clear == null) {
                throw new SopsException(where + " does not decrypt: it holds an encrypted value its file does not"
                        + " have as committed");
            }
            decrypted.accept(pointer, clear);
            return clear;
        }
        return value;
    }

    private static Map<String, Object> annotated(Map<String, Object> object, String digests) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (object.get("metadata") instanceof Map<?, ?> map) {
            map.forEach((key, value) -> metadata.put(String.valueOf(key), value));
        }
        Map<String, Object> annotations = new LinkedHashMap<>();
        if (metadata.get("annotations") instanceof Map<?, ?> map) {
            map.forEach((key, value) -> annotations.put(String.valueOf(key), value));
        }
        annotations.put(SopsDigests.ANNOTATION, digests);
        metadata.put("annotations", annotations);
        Map<String, Object> changed = new LinkedHashMap<>(object);
        changed.put("metadata", metadata);
        return changed;
    }

    /** A key as a JSON pointer writes it (RFC 6901), as drift names fields. */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String name(Map<String, Object> object) {
        Map<?, ?> metadata = object.get("metadata") instanceof Map<?, ?> map ? map : Map.of();
        Object namespace = metadata.get("namespace");
        return object.get("kind") + " " + (namespace == null ? "" : namespace + "/") + metadata.get("name");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
