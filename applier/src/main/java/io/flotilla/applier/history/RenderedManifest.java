package io.flotilla.applier.history;

import java.util.List;
import java.util.Map;

/**
 * The rendered objects of a revision as one JSON document, kept for Ready revisions so that a failed
 * upgrade can be rolled back to them.
 */
public record RenderedManifest(List<Map<String, Object>> objects) {

    public RenderedManifest {
        objects = objects == null ? List.of() : List.copyOf(objects);
    }
}
