package io.flotilla.applier.reconcile;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.flotilla.applier.apply.ApplyReport;
import io.flotilla.applier.apply.ClusterApply;
import io.flotilla.applier.hook.HelmHooks;
import io.flotilla.applier.hook.HookPhase;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.ObjectAction;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseKey;

/**
 * A cluster for the actions' tests: it remembers what it was asked and answers each apply as scripted, or else
 * Ready with every desired object applied; what it applies is healthy once waited for. Objects are gone from it
 * when a test says so, and there again once applied.
 */
final class ScriptedCluster implements ClusterApply, LiveReads {

    /** One apply asked of the cluster. */
    record Applied(DesiredRelease desired, List<ObjectRef> inventory, HookPhase phase) {
    }

    /** The hooks of one phase run on their own (an uninstall's, the tests). */
    record HooksRun(DesiredRelease desired, String phase) {
    }

    final List<Applied> applies = new ArrayList<>();
    final List<HooksRun> hookRuns = new ArrayList<>();
    private final Map<String, ApplyReport> hookAnswers = new HashMap<>();
    final List<List<ObjectRef>> uninstalls = new ArrayList<>();
    private final Deque<ApplyReport> answers = new ArrayDeque<>();
    private final Set<ObjectRef> gone = new HashSet<>();
    int reads;

    /** The next applies answer these reports, in order. */
    ScriptedCluster answering(ApplyReport... reports) {
        answers.addAll(List.of(reports));
        return this;
    }

    /** The hooks of {@code phase}, when run on their own, answer {@code report}. */
    ScriptedCluster answeringHooks(String phase, ApplyReport report) {
        hookAnswers.put(phase, report);
        return this;
    }

    /** The objects are deleted from the cluster behind Flotilla's back. */
    ScriptedCluster wiping(ObjectRef... objects) {
        gone.addAll(List.of(objects));
        return this;
    }

    @Override
    public List<ObjectRef> missing(String cluster, List<ObjectRef> objects) {
        reads += objects.size();
        return objects.stream().filter(gone::contains).toList();
    }

    @Override
    public ApplyReport apply(DesiredRelease desired, List<ObjectRef> inventory, HookPhase phase) {
        applies.add(new Applied(desired, inventory, phase));
        gone.clear();
        if (!answers.isEmpty()) {
            return answers.poll();
        }
        return ApplyReport.of(Outcome.Ready, desired.objects().stream()
                .map(object -> ObjectResult.applied(ObjectRef.of(object))).toList());
    }

    @Override
    public ApplyReport awaitHealth(ReleaseKey release, ApplyReport applied, Duration timeout, Runnable waiting) {
        waiting.run();
        return applied;
    }

    /** Answers as scripted, or else Ready with every hook of the phase run in the release's namespace. */
    @Override
    public ApplyReport runHooks(DesiredRelease desired, String phase) {
        hookRuns.add(new HooksRun(desired, phase));
        if (hookAnswers.containsKey(phase)) {
            return hookAnswers.get(phase);
        }
        return ApplyReport.of(Outcome.Ready, desired.objects().stream().filter(object -> isHook(object, phase))
                .map(ObjectRef::of)
                .map(hook -> new ObjectRef(hook.apiVersion(), hook.kind(), desired.release().namespace(), hook.name()))
                .map(hook -> new ObjectResult(hook, ObjectAction.HOOK, null)).toList());
    }

    private static boolean isHook(Map<String, Object> object, String phase) {
        return object.get("metadata") instanceof Map<?, ?> metadata
                && metadata.get("annotations") instanceof Map<?, ?> annotations
                && annotations.get(HelmHooks.HOOK) instanceof String phases
                && List.of(phases.split(",")).contains(phase);
    }

    @Override
    public ApplyReport uninstall(ReleaseKey release, List<ObjectRef> inventory) {
        uninstalls.add(inventory);
        return ApplyReport.of(Outcome.Uninstalled, inventory.stream()
                .map(object -> new ObjectResult(object, ObjectAction.DELETED, null)).toList());
    }

    /** A failed apply that got {@code applied} onto the cluster before {@code failing} was refused. */
    static ApplyReport failedApplying(ObjectRef applied, ObjectRef failing, String error) {
        return ApplyReport.of(Outcome.Ready, List.of(ObjectResult.applied(applied), ObjectResult.failed(failing, error)));
    }
}
