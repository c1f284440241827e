package io.flotilla.applier.prune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flotilla.applier.history.Revision;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;

/**
 * What a release has put on its cluster: the objects applied by its last Ready revision and by every
 * revision since, as a failed revision may have applied some objects before it stopped. Nothing before
 * an uninstall counts: those objects are gone, or kept on purpose.
 */
public final class Inventory {

    private Inventory() {
    }

    /** @param revisions the release's revisions, oldest first */
    public static List<ObjectRef> of(List<Revision> revisions) {
        Map<ObjectRef.Identity, ObjectRef> objects = new LinkedHashMap<>();
        List<Revision> newestFirst = new ArrayList<>(revisions);
        Collections.reverse(newestFirst);
        for (Revision revision : newestFirst) {
            if (revision.attempt().outcome() == Outcome.Uninstalled) {
                break;
            }
            for (ObjectResult result : revision.attempt().objects()) {
                if (result.onCluster()) {
                    objects.putIfAbsent(result.object().identity(), result.object());
                }
            }
            if (revision.attempt().outcome() == Outcome.Ready) {
                break;
            }
        }
        return List.copyOf(objects.values());
    }
}
