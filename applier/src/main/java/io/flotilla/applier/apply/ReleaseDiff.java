package io.flotilla.applier.apply;

import java.util.List;

import io.flotilla.events.ObjectRef;

/**
 * What applying a release's newest rendering would change on its cluster now, object by object, as
 * {@code kubectl diff} tells it: each object's fields as the API server would leave them (a server-side dry run)
 * against the object as it is, and what the release would prune. Hooks are not in it: they run, they do not stay.
 *
 * @param release   {@code cluster/namespace/name}
 * @param sourceSha the commit of the rendering compared
 * @param objects   every object the rendering has and every one the apply would delete
 */
public record ReleaseDiff(String release, String sourceSha, List<ObjectDiff> objects) {

    /** What the apply would do to an object. */
    public enum Change {
        CREATE, UPDATE, UNCHANGED, DELETE,
        /** The API server refuses the object: the apply would fail on it. */
        REFUSED
    }

    /**
     * @param fields for an update, the fields that change; empty otherwise
     * @param reason for a refused object, the API server's reason; null otherwise
     */
    public record ObjectDiff(ObjectRef object, Change change, List<FieldChange> fields, String reason) {

        public ObjectDiff {
            fields = List.copyOf(fields);
        }
    }

    public ReleaseDiff {
        objects = List.copyOf(objects);
    }

    /** Whether the apply would change anything: what {@code flotilla diff}'s exit code says. */
    public boolean changes() {
        return objects.stream().anyMatch(object -> object.change() != Change.UNCHANGED);
    }
}
