package io.flotilla.observer.drift;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.flotilla.events.sealing.KeyRing;
import io.flotilla.events.sealing.SopsDigests;
import io.flotilla.events.sealing.SopsObjects;

/**
 * The fields Flotilla applied that the live object no longer has as applied, as JSON pointers. Only what was
 * applied is compared: fields the server or others added (status, defaults, managed metadata) are not drift.
 * List items that have a {@code name} are matched by name, others by position. Resource quantities are compared by
 * amount ({@code 1} and {@code 1000m} are equal), as the API server rewrites them. A Secret's values travel sealed
 * and the observer cannot open them, so for them only a key gone from the live Secret is drift (a {@code stringData}
 * key is looked for in {@code data}, where the API server keeps it); a value changed by hand is not seen here.
 * An object committed SOPS-encrypted is compared as applied, decrypted: its {@code sops} metadata is not, and each
 * value it holds encrypted ({@code ENC[...]}, sealed on top in a Secret) is compared by its keyed digest with the one
 * the applier wrote on the object ({@link SopsDigests}), so a value changed by hand is drift, named by its field
 * only; the digests' annotation gone is drift too.
 */
public final class DriftDetector {

    private DriftDetector() {
    }

    /**
     * @param ignored JSON pointers whose value, and everything under it, may differ
     * @param digests digests the live values of objects committed SOPS-encrypted
     */
    public static List<String> differingFields(JsonNode applied, JsonNode live, List<String> ignored,
            SopsDigests digests) {
        boolean sops = applied.path(SopsObjects.METADATA).isObject();
        Unreadable unreadable = sops ? Unreadable.decryptedFromSops(live, digests) : Unreadable.SEALED;
        List<String> differing = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = applied.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (name.equals("status") || name.equals("apiVersion") || name.equals("kind")
                    || (sops && name.equals(SopsObjects.METADATA))) {
                continue;
            }
            if (name.equals("metadata")) {
                for (String kept : List.of("labels", "annotations")) {
                    compare(field.getValue().path(kept), live.path("metadata").path(kept), "/metadata/" + kept, ignored,
                            unreadable, differing);
                }
                String digestsAt = "/metadata/annotations/" + escape(SopsDigests.ANNOTATION);
                if (sops && !live.path("metadata").path("annotations").path(SopsDigests.ANNOTATION).isTextual()
                        && !isIgnored(digestsAt, ignored)) {
                    differing.add(digestsAt);
                }
                continue;
            }
            if (name.equals("stringData") && field.getValue().isObject()) {
                compareStringData(field.getValue(), live.path("data"), "/stringData", ignored, unreadable, differing);
                continue;
            }
            compare(field.getValue(), live.path(name), "/" + escape(name), ignored, unreadable, differing);
        }
        return differing;
    }

    /** {@code stringData}, which the API server keeps in {@code data} in base64. */
    private static void compareStringData(JsonNode applied, JsonNode liveData, String path, List<String> ignored,
            Unreadable unreadable, List<String> differing) {
        applied.fields().forEachRemaining(field -> {
            String at = path + "/" + escape(field.getKey());
            String value = field.getValue().asText();
            JsonNode live = liveData.path(field.getKey());
            boolean same = unreadable.covers(value) ? live.isTextual()
                    && unreadable.same(at, value, decoded(live.asText()))
                    : live.asText().equals(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
            if (!same && !isIgnored(at, ignored)) {
                differing.add(at);
            }
        });
    }

    private static String decoded(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return base64;
        }
    }

    private static void compare(JsonNode applied, JsonNode live, String path, List<String> ignored,
            Unreadable unreadable, List<String> differing) {
        if (applied.isMissingNode() || applied.isNull() || isIgnored(path, ignored)) {
            return;
        }
        if (applied.isObject()) {
            if (!live.isObject()) {
                differing.add(path);
                return;
            }
            applied.fields().forEachRemaining(field -> compare(field.getValue(), live.path(field.getKey()),
                    path + "/" + escape(field.getKey()), ignored, unreadable, differing));
        } else if (applied.isArray()) {
            compareItems(applied, live, path, ignored, unreadable, differing);
        } else if (applied.isTextual() && unreadable.covers(applied.asText())) {
            if (!live.isValueNode() || !unreadable.same(path, applied.asText(), live.asText())) {
                differing.add(path);
            }
        } else if (!live.isValueNode() || !sameValue(applied.asText(), live.asText(), path)) {
            differing.add(path);
        }
    }

    private static boolean sameValue(String applied, String live, String path) {
        return applied.equals(live) || (Quantities.isQuantity(path) && Quantities.sameAmount(applied, live));
    }

    private static void compareItems(JsonNode applied, JsonNode live, String path, List<String> ignored,
            Unreadable unreadable, List<String> differing) {
        if (!live.isArray()) {
            differing.add(path);
            return;
        }
        boolean scalars = applied.size() > 0 && applied.get(0).isValueNode();
        if (scalars && applied.size() != live.size()) {
            differing.add(path);
            return;
        }
        for (int i = 0; i < applied.size(); i++) {
            JsonNode item = applied.get(i);
            JsonNode match = item.hasNonNull("name") ? named(live, item.get("name").asText()) : live.path(i);
            if (match.isMissingNode()) {
                differing.add(path + "/" + i);
            } else {
                compare(item, match, path + "/" + i, ignored, unreadable, differing);
            }
        }
    }

    private static JsonNode named(JsonNode items, String name) {
        for (JsonNode item : items) {
            if (name.equals(item.path("name").asText(null))) {
                return item;
            }
        }
        return MissingNode.getInstance();
    }

    private static boolean isIgnored(String path, List<String> ignored) {
        for (String prefix : ignored) {
            if (path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The applied values the observer cannot read, and how each is compared: a sealed Secret value by its key only,
     * a value decrypted from SOPS by the digest the applier wrote on the live object.
     *
     * @param digests the digests of the live object, by pointer
     * @param keyed   digests the live values; null where nothing was decrypted from SOPS
     */
    private record Unreadable(Map<String, String> digests, SopsDigests keyed) {

        static final Unreadable SEALED = new Unreadable(Map.of(), null);

        static Unreadable decryptedFromSops(JsonNode live, SopsDigests keyed) {
            return new Unreadable(SopsDigests.read(live.path("metadata").path("annotations")
                    .path(SopsDigests.ANNOTATION).textValue()), keyed);
        }

        boolean covers(String applied) {
            return KeyRing.isSealed(applied) || (keyed != null && SopsObjects.isEncryptedValue(applied));
        }

        /**
         * Whether the live value is the one applied: by its digest where the applier wrote one; a sealed value
         * SOPS left in clear in its file (none written) by its key only.
         */
        boolean same(String pointer, String applied, String live) {
            String digest = digests.get(pointer);
            if (digest == null) {
                return !SopsObjects.isEncryptedValue(applied);
            }
            return keyed.matches(digest, pointer, live);
        }
    }

    /** A key as a JSON pointer writes it (RFC 6901). */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
