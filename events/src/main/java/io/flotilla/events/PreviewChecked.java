package io.flotilla.events;

import java.util.List;

/**
 * One release of a preview compared with its cluster by the applier, nothing written: each object's change as a
 * server-side dry run leaves it against the object as it is, what the API server refuses (admission, validation),
 * and what breaks the release's tenant's rules.
 *
 * @param error the comparison could not be made (the cluster unknown or not answering, a Secret that does not
 *              open); null otherwise
 */
public record PreviewChecked(PreviewKey preview, String sha, ReleaseKey release, List<ObjectChange> objects,
        List<String> violations, String error) implements Event {

    public PreviewChecked {
        objects = objects == null ? List.of() : List.copyOf(objects);
        violations = violations == null ? List.of() : List.copyOf(violations);
    }

    /** What applying the preview's rendering would do to an object. */
    public enum Change {
        CREATE, UPDATE, UNCHANGED, DELETE,
        /** The API server refuses the object in a dry run: applying the branch would fail on it. */
        REFUSED
    }

    /**
     * @param fields for an update, the paths of the fields that change (Secret values never shown); empty otherwise
     * @param reason for a refused object, the API server's reason; null otherwise
     */
    public record ObjectChange(ObjectRef object, Change change, List<String> fields, String reason) {
        public ObjectChange {
            fields = fields == null ? List.of() : List.copyOf(fields);
        }
    }

    /** Whether the branch would change anything on the cluster for this release, or could not be checked. */
    public boolean changes() {
        return error != null || !violations.isEmpty()
                || objects.stream().anyMatch(object -> object.change() != Change.UNCHANGED);
    }

    @Override
    public String key() {
        return preview.id();
    }
}
