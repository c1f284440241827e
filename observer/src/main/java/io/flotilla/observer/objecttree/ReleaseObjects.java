package io.flotilla.observer.objecttree;

import java.util.List;

import io.flotilla.events.ObjectAction;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.ReleaseApplied;

/**
 * The roots of a release's tree: what its revision means to be on the cluster, and the hooks it ran that have a
 * health of their own (a Job, a Pod), which may still be there, or deleted once they ran.
 *
 * @param applied those applied, taken over or refused (an object refused may be there from before), not what the
 *                revision deleted or left behind
 * @param hooks   the hooks of a {@linkplain ObjectHealth#watched watched} kind
 */
public record ReleaseObjects(List<ObjectRef> applied, List<ObjectRef> hooks) {

    public static final ReleaseObjects NONE = new ReleaseObjects(List.of(), List.of());

    public ReleaseObjects {
        applied = List.copyOf(applied);
        hooks = List.copyOf(hooks);
    }

    public static ReleaseObjects of(ReleaseApplied revision) {
        return new ReleaseObjects(revision.objects().stream().filter(result -> result.onCluster()
                || result.action() == ObjectAction.FAILED).map(ObjectResult::object).toList(),
                revision.objects().stream().filter(result -> result.action() == ObjectAction.HOOK)
                        .map(ObjectResult::object).filter(hook -> ObjectHealth.watched(hook.kind())).toList());
    }
}
