package io.flotilla.applier.sops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.flotilla.events.sealing.SopsObjects;

/**
 * Opens the objects of a rendering that were committed SOPS-encrypted, right before they are applied: the file each
 * came from is decrypted as committed (data key, values, MAC), and each {@code ENC[...]} value of the object is
 * replaced by the clear value it had there; the {@code sops} metadata is left out of what is applied. An object
 * whose file does not decrypt fails the release naming the file, the object and why.
 */
public final class SopsDecryption {

    private SopsDecryption() {
    }

    /**
     * @param identities the age identities to try, asked for only when an object is SOPS-encrypted
     * @throws SopsException naming the file, the object and why
     */
    public static List<Map<String, Object>> decrypt(List<Map<String, Object>> objects,
            Supplier<List<AgeIdentity>> identities) {
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
            decrypted.add(castMap(replaced(clear, opened, where)));
        }
        return decrypted;
    }

    private static Object replaced(Object value, Map<String, Object> opened, String where) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, child) -> copy.put(String.valueOf(key), replaced(child, opened, where)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(child -> replaced(child, opened, where)).toList();
        }
        if (value instanceof String text && text.startsWith("ENC[")) {
            Object clear = opened.get(text);
            if (clear == null) {
                throw new SopsException(where + " does not decrypt: it holds an encrypted value its file does not"
                        + " have as committed");
            }
            return clear;
        }
        return value;
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
