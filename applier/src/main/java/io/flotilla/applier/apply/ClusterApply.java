package io.flotilla.applier.apply;

import java.time.Duration;
import java.util.List;

import io.flotilla.applier.apply.ApplyReport;
import io.flotilla.applier.hook.HookPhase;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ReleaseKey;

/**
 * What the actions do to a cluster, and all they do to it: apply a desired release, wait for it to be healthy,
 * delete its objects. {@code apply.ReleaseApply} does it with server-side apply; a test may fake it. None of the
 * methods throws for anything a release or a cluster can cause: the report says what happened.
 */
public interface ClusterApply {

    /**
     * Applies the desired objects with the hooks of {@code phase}, then deletes what {@code inventory} (the
     * objects the release has on its cluster) holds that the release no longer renders.
     */
    ApplyReport apply(DesiredRelease desired, List<ObjectRef> inventory, HookPhase phase);

    /**
     * Waits until the objects {@code applied} are healthy; {@code waiting} runs once if they are not all healthy
     * at the first look.
     */
    ApplyReport awaitHealth(ReleaseKey release, ApplyReport applied, Duration timeout, Runnable waiting);

    /** Deletes every object of {@code inventory} from the release's cluster, but those it must keep. */
    ApplyReport uninstall(ReleaseKey release, List<ObjectRef> inventory);
}
