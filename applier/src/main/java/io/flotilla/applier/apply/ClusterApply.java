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
 * run its hooks of a phase, delete its objects. {@code apply.ReleaseApply} does it with server-side apply; a test
 * may fake it. None of the methods throws for anything a release or a cluster can cause: the report says what
 * happened.
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

    /**
     * Waits until {@code objects} are healthy (what a release waits for: {@code HealthWait.toWaitFor}), reporting
     * {@code applied}. A fake that scripts health outcomes may leave this to {@link #awaitHealth(ReleaseKey,
     * ApplyReport, Duration, Runnable)}.
     */
    default ApplyReport awaitHealth(ReleaseKey release, List<ObjectRef> objects, ApplyReport applied,
            Duration timeout, Runnable waiting) {
        return awaitHealth(release, applied, timeout, waiting);
    }

    /**
     * Runs the hooks of {@code phase} (such as {@code pre-delete}, or {@code test}) among the desired objects, one
     * after the other, each awaited, and applies nothing else: Ready when every hook succeeded or there is none,
     * Failed naming the hook that did not.
     */
    ApplyReport runHooks(DesiredRelease desired, String phase);

    /** Deletes every object of {@code inventory} from the release's cluster, but those it must keep. */
    ApplyReport uninstall(ReleaseKey release, List<ObjectRef> inventory);
}
