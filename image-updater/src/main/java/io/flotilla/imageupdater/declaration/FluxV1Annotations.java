package io.flotilla.imageupdater.declaration;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flux v1's automation annotations under the names of its last releases, whatever generation wrote them: the first
 * releases said {@code flux.weave.works/automated}, {@code flux.weave.works/locked} and
 * {@code flux.weave.works/tag.<container>}, later ones {@code fluxcd.io/tag.<container>}, the last
 * {@code filter.fluxcd.io/<container>}; repositories taken over still hold all of them. Each annotation keeps the
 * name it was written with, so that an error names what the user can find in the file. Where both forms of one
 * annotation are given, the newer wins, as in Flux v1.
 */
final class FluxV1Annotations {

    private static final Map<String, String> OLDER_PREFIXES = Map.of(
            "flux.weave.works/automated", "fluxcd.io/automated",
            "flux.weave.works/locked", "fluxcd.io/locked",
            "flux.weave.works/tag.", "filter.fluxcd.io/",
            "fluxcd.io/tag.", "filter.fluxcd.io/");

    private final Map<String, Object> byCurrentName;
    private final Map<String, String> writtenAs;

    private FluxV1Annotations(Map<String, Object> byCurrentName, Map<String, String> writtenAs) {
        this.byCurrentName = byCurrentName;
        this.writtenAs = writtenAs;
    }

    /** The annotations of an object, older names read as the current ones. */
    static FluxV1Annotations of(Map<?, ?> annotations) {
        Map<String, Object> current = new LinkedHashMap<>();
        Map<String, String> written = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : annotations.entrySet()) {
            String name = String.valueOf(entry.getKey());
            String currentName = currentName(name);
            if (currentName.equals(name) || !annotations.containsKey(currentName)) {
                current.put(currentName, entry.getValue());
                written.put(currentName, name);
            }
        }
        return new FluxV1Annotations(current, written);
    }

    private static String currentName(String name) {
        for (Map.Entry<String, String> older : OLDER_PREFIXES.entrySet()) {
            if (name.startsWith(older.getKey())) {
                return older.getValue() + name.substring(older.getKey().length());
            }
        }
        return name;
    }

    /** The annotations under their current names. */
    Map<String, Object> byCurrentName() {
        return byCurrentName;
    }

    /** The name {@code currentName} was written with; itself when it is not in the object. */
    String writtenAs(String currentName) {
        return writtenAs.getOrDefault(currentName, currentName);
    }
}
