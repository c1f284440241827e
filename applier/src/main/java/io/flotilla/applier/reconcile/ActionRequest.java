package io.flotilla.applier.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.flotilla.applier.apply.ApplyReport;
import io.flotilla.applier.apply.ReleaseApply;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.ObjectRef;

/**
 * What an action is asked to do.
 *
 * @param desired   the release as it should be
 * @param inventory the objects the release has on its cluster, which an apply prunes when no longer desired
 * @param progress  hears, once per apply, that the applied objects are not healthy yet ({@code Progressing})
 * @param failed    for a remediation, the failure it remedies (its error says why); null otherwise
 */
public record ActionRequest(DesiredRelease desired, List<ObjectRef> inventory, Consumer<ApplyReport> progress,
        ApplyReport failed) {

    public ActionRequest {
        inventory = List.copyOf(inventory);
    }

    public ActionRequest(DesiredRelease desired, List<ObjectRef> inventory, Consumer<ApplyReport> progress) {
        this(desired, inventory, progress, null);
    }

    /** The request with {@code objects} counted as the release's too, to be pruned when no longer desired. */
    public ActionRequest alsoHaving(List<ObjectRef> objects) {
        List<ObjectRef> had = new ArrayList<>(inventory);
        had.addAll(objects);
        return new ActionRequest(desired, had, progress, failed);
    }

    /**
     * The request to remedy {@code failure}: what the failed tries applied counts as the release's, to be pruned
     * by what comes next.
     */
    public ActionRequest remedying(ApplyReport failure) {
        List<ObjectRef> touched = new ArrayList<>(inventory);
        touched.addAll(ReleaseApply.appliedObjects(failure));
        return new ActionRequest(desired, touched, progress, failure);
    }
}
