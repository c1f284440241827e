package io.flotilla.events;

import java.time.Instant;
import java.util.List;

/** Live objects of a release that no longer match what was applied. */
public record DriftFound(ReleaseKey release, int revision, List<DriftedObject> objects) implements Event {

    public DriftFound {
        objects = objects == null ? List.of() : List.copyOf(objects);
    }

    /**
     * One drifted object: the field paths that differ, or {@code deleted}; who changed it and when,
     * where the object's managed fields tell.
     */
    public record DriftedObject(ObjectRef object, List<String> fields, boolean deleted, String manager,
            Instant changedAt) {
        public DriftedObject {
            fields = fields == null ? List.of() : List.copyOf(fields);
        }
    }

    @Override
    public String key() {
        return release.toString();
    }
}
