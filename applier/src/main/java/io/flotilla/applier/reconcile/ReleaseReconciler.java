package io.flotilla.applier.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.flotilla.applier.apply.ApplyReport;
import io.flotilla.applier.apply.ClusterApply;
import io.flotilla.applier.cluster.ClusterUnreachableException;
import io.flotilla.applier.dependency.WaitingReleases;
import io.flotilla.applier.drift.DriftedObjects;
import io.flotilla.applier.helm.HelmReleaseStorage;
import io.flotilla.applier.history.Attempt;
import io.flotilla.applier.history.HistoryUnavailableException;
import io.flotilla.applier.history.Hold;
import io.flotilla.applier.history.Holding;
import io.flotilla.applier.history.ReadyRevision;
import io.flotilla.applier.history.Recording;
import io.flotilla.applier.history.ReleaseHistory;
import io.flotilla.applier.history.ReleaseState;
import io.flotilla.applier.history.Revision;
import io.flotilla.applier.history.Taken;
import io.flotilla.applier.prune.Inventory;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.applier.rollout.Gate;
import io.flotilla.applier.rollout.PreviousWave;
import io.flotilla.applier.rollout.WaveGate;
import io.flotilla.events.DriftFound;
import io.flotilla.events.Event;
import io.flotilla.events.ObjectAction;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseReconciled;
import io.flotilla.events.Rollout;
import io.flotilla.events.RolloutHeld;
import io.flotilla.messaging.Traceparent;

/**
 * Brings a desired release to its cluster: reads where the release stands (and, for a rendering of a later wave of a
 * rollout, where it stands on the wave before), lets {@link NextAction} decide, runs that action, and records the
 * revision with its event (in the outbox, in the same transaction) and Helm's record of it. A rendering held at its
 * wave gate is taken and its hold recorded, with a {@code RolloutHeld} when the hold changes, and nothing applied. A reconcile that only reads finds the release as it was left, or finds objects gone and applies them again.
 * Whatever the release or the cluster does, the answer is a {@link Reconciled}; only a failing history database
 * makes it throw, and a worker interrupted by shutdown records nothing.
 */
@Singleton
public class ReleaseReconciler {

    private static final Logger LOG = Logger.getLogger(ReleaseReconciler.class);

    private final ReleaseHistory history;
    private final HelmReleaseStorage helm;
    private final LiveReads live;
    private final ReconcilePolicy policy;
    private final OutboxSignal recorded;
    private final Map<NextAction, ReleaseAction> actions = new EnumMap<>(NextAction.class);
    private final ReleaseAction correctDrift;
    private final ClusterApply apply;

    /**
     * @param recorded told after each revision is recorded, so that its event leaves the outbox at once
     */
    @Inject
    public ReleaseReconciler(ClusterApply apply, ReleaseHistory history, HelmReleaseStorage helm, LiveReads live,
            ReconcilePolicy policy, OutboxSignal recorded) {
        this.apply = apply;
        this.history = history;
        this.helm = helm;
        this.live = live;
        this.policy = policy;
        this.recorded = recorded;
        actions.put(NextAction.RECORD_RENDER_FAILURE, new RecordRenderFailure());
        actions.put(NextAction.SUSPEND, new Suspend(history));
        actions.put(NextAction.UNINSTALL, new Uninstall(apply, history));
        actions.put(NextAction.INSTALL, new Install(apply, helm::deployedObjects));
        actions.put(NextAction.UPGRADE, new Upgrade(apply, new RollbackRemediation(apply, history)));
        this.correctDrift = new CorrectDrift(apply);
    }

    /**
     * Reconciles the release as {@code cause} asks. While its workloads roll out, {@code progress} hears a
     * {@code Progressing} event of the revision to come. When the cluster does not answer, the revision is
     * {@code Unreachable}; it is recorded only if {@code recordUnreachable}, so that tries again while the cluster
     * is away add no revisions.
     */
    public Reconciled reconcile(DesiredRelease desired, Cause cause, Consumer<ReleaseApplied> progress,
            boolean recordUnreachable) {
        Instant start = Instant.now();
        Optional<ReleaseState> current = history.state(desired.release());
        Trigger trigger = cause.trigger().seenAs(current);
        PreviousWave wave = previousWave(desired, start);
        NextAction next = NextAction.after(current, desired, trigger, wave);
        if (next == NextAction.NOTHING) {
            return nothing(desired, cause, trigger, current, start);
        }
        if (next == NextAction.HOLD) {
            return hold(desired, cause, current, wave);
        }
        if (next == NextAction.VERIFY) {
            Optional<Reconciled> unchanged = verify(desired, trigger, current.orElseThrow(), start);
            if (unchanged.isPresent()) {
                return unchanged.get();
            }
            next = NextAction.UPGRADE;
        }
        ReleaseAction action = actions.get(next);
        int revision = current.map(ReleaseState::currentRevision).orElse(0);
        ActionResult result = run(action, new ActionRequest(desired, inventory(desired, current),
                report -> progress.accept(eventOf(revision + 1, attemptOf(desired, report, start)))));
        if (result.report().outcome() == Outcome.Unreachable && !recordUnreachable) {
            return Reconciled.notRecorded(eventOf(revision, attemptOf(desired, result.report(), start)));
        }
        return Reconciled.recorded(record(desired, cause, action.type(), result, current, start, null));
    }

    /**
     * Rolls the release back to revision {@code target}, as {@code helm rollback} does: the objects that revision
     * recorded applied again with its rollback hooks ({@link RollbackTo}), recorded as the next revision, "Rollback
     * to N" (its commit, chart and values those of the rendering taken, as {@link DesiredRelease#withObjects} says).
     * The rendering taken stays what the release is to be, and the new revision carries its input digest: a reconcile
     * on the interval leaves the rollback in place, and the next rendering that changes the release (a new commit)
     * moves it on.
     *
     * @throws RollbackRefusedException when the release or the revision is unknown, or the revision kept no objects
     */
    public ReleaseApplied rollback(ReleaseKey release, int target, Function<Event, String> encode) {
        Instant start = Instant.now();
        Optional<ReleaseState> current = history.state(release);
        Optional<String> kept = history.desired(release);
        if (current.isEmpty() || kept.isEmpty()) {
            throw new RollbackRefusedException("release " + release + " is unknown to the applier", true);
        }
        Revision revision = history.revision(release, target).orElseThrow(() -> new RollbackRefusedException(
                "release " + release + " has no revision " + target + " (revisions kept: "
                        + history.revisions(release).stream().map(one -> String.valueOf(one.number()))
                                .collect(Collectors.joining(", ")) + ")", true));
        ReadyRevision ready = history.ready(release, target).orElseThrow(() -> new RollbackRefusedException(
                "revision " + target + " of " + release + " was " + revision.attempt().outcome()
                        + ": only a revision that was Ready kept objects to roll back to", false));
        DesiredRelease rendering = DesiredRelease.decode(kept.get());
        DesiredRelease earlier = rendering.withObjects(ready.rendered());
        ActionResult result = run(new RollbackTo(apply, target), new ActionRequest(earlier, inventory(earlier, current),
                progress -> { }));
        Cause cause = new Cause(Trigger.REQUEST, new Taken(rendering.commitOrder(), null), encode);
        ReleaseApplied rolledBack = record(earlier, cause, ActionType.APPLY, result, current, start,
                "Rollback to Flotilla revision " + target);
        LOG.infof("%s: rolled back to revision %d as revision %d: %s", release, target, rolledBack.revision(),
                rolledBack.outcome());
        return rolledBack;
    }

    /** Whether the release calls for the cluster at all: applying or uninstalling, not recording or skipping. */
    public boolean needsCluster(DesiredRelease desired, Trigger trigger) {
        NextAction next = decide(desired, trigger);
        return next == NextAction.VERIFY || Optional.ofNullable(actions.get(next))
                .filter(action -> action.type().needsCluster()).isPresent();
    }

    /**
     * Records that the release waits for its cluster, which does not answer ({@code reason}): an
     * {@code Unreachable} revision, applied once the cluster answers again.
     */
    public ReleaseApplied unreachable(DesiredRelease desired, Cause cause, String reason) {
        Optional<ReleaseState> current = history.state(desired.release());
        NextAction next = NextAction.after(current, desired, cause.trigger(), previousWave(desired, Instant.now()));
        if (next == NextAction.VERIFY) {
            next = NextAction.UPGRADE;
        }
        return record(desired, cause, actions.get(next).type(),
                new ActionResult(ApplyReport.unreachable(reason, List.of())), current, Instant.now(), null);
    }

    /**
     * The releases named in {@code dependsOn} that are not Ready on the cluster, when the release is to be
     * applied; empty when it may go ahead.
     */
    public List<ReleaseKey> unreadyDependencies(DesiredRelease desired, Trigger trigger) {
        if (desired.options().dependsOn().isEmpty()) {
            return List.of();
        }
        NextAction next = decide(desired, trigger);
        if (next != NextAction.INSTALL && next != NextAction.UPGRADE) {
            return List.of();
        }
        return WaitingReleases.dependenciesOf(desired.release(), desired.options().dependsOn()).stream()
                .filter(dependency -> !ready(dependency))
                .toList();
    }

    /**
     * Whether the release is Ready, as the shared history says: whichever applier instance applied it, this one
     * sees it.
     */
    public boolean ready(ReleaseKey release) {
        return history.state(release).filter(state -> state.status() == Outcome.Ready).isPresent();
    }

    /** The event telling that the release waits for {@code dependencies} before it is applied. */
    public ReleaseApplied waiting(DesiredRelease desired, List<ReleaseKey> dependencies) {
        int revision = history.state(desired.release()).map(ReleaseState::currentRevision).orElse(0) + 1;
        String names = dependencies.stream().map(ReleaseKey::toString).collect(Collectors.joining(", "));
        LOG.infof("%s: waiting for %s to be Ready (dependsOn)", desired.release(), names);
        return eventOf(revision, attemptOf(desired, new ApplyReport(Outcome.Progressing, List.of(),
                "waiting for " + names + " to be Ready (dependsOn)"), Instant.now()));
    }

    /**
     * Answers drift on the cluster as the release asks ({@link NextAction#correctsDrift}): the drifted objects of
     * its Ready revision applied again, as they were rendered, or the drift only reported. Nothing is recorded:
     * the revision stays what it is.
     */
    public void correct(DriftFound drift) {
        Optional<ReleaseState> current = history.state(drift.release());
        if (!NextAction.correctsDrift(current, policy.driftDefault())) {
            LOG.infof("%s: drift in %d objects reported, not corrected (drift detection %s)", drift.release(),
                    drift.objects().size(), current.map(ReleaseState::driftMode).orElse(policy.driftDefault()));
            return;
        }
        history.lastReady(drift.release()).ifPresent(ready -> {
            DesiredRelease drifted = DesiredRelease.restoring(drift.release(),
                    DriftedObjects.select(ready.rendered(), drift),
                    history.desired(drift.release()).map(DesiredRelease::decode).orElse(null));
            ApplyReport report = run(correctDrift, new ActionRequest(drifted, List.of(), progress -> { })).report();
            LOG.infof("%s: drift corrected in %d objects of revision %d: %s", drift.release(),
                    drifted.objects().size(), ready.number(), report.error() == null ? report.outcome() : report.error());
        });
    }

    private NextAction decide(DesiredRelease desired, Trigger trigger) {
        Instant now = Instant.now();
        return NextAction.after(history.state(desired.release()), desired, trigger, previousWave(desired, now));
    }

    /** Where the release stands on the wave before its own, read only for a rendering that has one. */
    private PreviousWave previousWave(DesiredRelease desired, Instant now) {
        List<ReleaseKey> wave = WaveGate.previousWaveOf(desired);
        return wave.isEmpty() ? PreviousWave.none(now) : new PreviousWave(history.states(wave), now);
    }

    /**
     * The rendering waits at its wave gate: taken as what the release is to be (so that a reconcile applies it once the
     * gate opens, and its record is acknowledged), its hold kept in the history with a {@code RolloutHeld} in the
     * outbox when the hold is new or changed: halted or not, another cluster waited for. Nothing is applied.
     */
    private Reconciled hold(DesiredRelease desired, Cause cause, Optional<ReleaseState> current, PreviousWave wave) {
        Gate gate = WaveGate.decide(desired, current, wave);
        Rollout rollout = desired.rollout();
        Hold hold = new Hold(rollout.name(), rollout.wave(), rollout.waveName(), gate.halted(), gate.blockingCluster(),
                gate.reason(), desired.commitOrder(), wave.now());
        boolean changed = history.hold(desired.release(), new Holding(hold, cause.taken(),
                held -> cause.encode().apply(heldEvent(desired, held)), Traceparent.current()));
        if (changed) {
            recorded.recorded();
            LOG.infof("%s: commit order %d %s at wave %s of rollout %s: %s", desired.release(), desired.commitOrder(),
                    gate.halted() ? "halted" : "held", rollout.waveName(), rollout.name(), gate.reason());
        }
        return Reconciled.NOTHING;
    }

    private static RolloutHeld heldEvent(DesiredRelease desired, Hold hold) {
        return new RolloutHeld(desired.release(), hold.rollout(), hold.wave(), hold.waveName(), hold.halted(),
                hold.blockingCluster(), hold.reason(), desired.sourceSha(), hold.commitOrder(), Instant.now());
    }

    /**
     * Nothing to do. A newer rendering with the inputs already applied is taken as what the release is to be; a
     * reconcile that rereads is told as one.
     */
    private Reconciled nothing(DesiredRelease desired, Cause cause, Trigger trigger, Optional<ReleaseState> current,
            Instant now) {
        LOG.debugf("%s: input %s needs nothing (removed: %s, current: %s)", desired.release(), desired.inputDigest(),
                desired.removed(), current.orElse(null));
        if (current.isEmpty()) {
            return Reconciled.NOTHING;
        }
        ReleaseState state = current.get();
        if (!trigger.rereads()) {
            if (desired.commitOrder() > state.commitOrder()) {
                history.take(desired.release(), cause.taken());
            }
            return Reconciled.NOTHING;
        }
        return unchanged(desired, trigger, state, now, state.suspendedByHand() ? state.suspension().describe()
                + "; nothing applied until it is resumed" : "nothing to do as revision " + state.currentRevision()
                + " left it (" + state.status() + ")");
    }

    /** Reads the release's objects; empty when some are gone, and the release is to be applied again. */
    private Optional<Reconciled> verify(DesiredRelease desired, Trigger trigger, ReleaseState state, Instant now) {
        List<ObjectRef> expected = history.revision(desired.release(), state.currentRevision())
                .map(revision -> revision.attempt().objects().stream()
                        .filter(result -> result.action() == ObjectAction.APPLIED
                                || result.action() == ObjectAction.TAKEN_OVER)
                        .map(ObjectResult::object).toList())
                .orElse(List.of());
        List<ObjectRef> missing;
        try {
            missing = live.missing(desired.release().cluster(), expected);
        } catch (ClusterUnreachableException e) {
            return Optional.of(unchanged(desired, trigger, state, now, e.getMessage()));
        }
        if (missing.isEmpty()) {
            return Optional.of(unchanged(desired, trigger, state, now, (expected.size() == 1 ? "1 object" :
                    expected.size() + " objects") + " as revision " + state.currentRevision() + " left them"));
        }
        LOG.warnf("%s: %d of %d objects are gone from the cluster (%s...); applying revision %d's inputs again",
                desired.release(), missing.size(), expected.size(), missing.get(0), state.currentRevision());
        return Optional.empty();
    }

    private Reconciled unchanged(DesiredRelease desired, Trigger trigger, ReleaseState state, Instant now,
            String message) {
        history.reconciled(desired.release(), now, policy.nextAfterUnchanged(desired, state, now));
        return Reconciled.unchanged(new ReleaseReconciled(desired.release(), state.currentRevision(), state.status(),
                trigger.wire(), now, message));
    }

    /**
     * Records the action's result as the release's next revision, and Helm's record of it.
     *
     * @param helmDescription what Helm's record of a Ready apply says; null for Helm's own words
     */
    private ReleaseApplied record(DesiredRelease desired, Cause cause, ActionType type, ActionResult result,
            Optional<ReleaseState> current, Instant start, String helmDescription) {
        ApplyReport report = result.report();
        Attempt attempt = attemptOf(desired, report, start);
        abandonIfStopping(desired);
        int failures = report.outcome() == Outcome.Failed ? current.map(ReleaseState::failures).orElse(0) + 1 : 0;
        Revision revision = history.record(new Recording(attempt,
                report.outcome() == Outcome.Ready ? desired.objects() : null, type == ActionType.APPLY,
                desired.options().driftDetection(), cause.taken(), desired.options().maxHistory(),
                policy.next(desired, report.outcome(), failures, attempt.appliedAt()),
                recordedRevision -> cause.encode().apply(eventOf(recordedRevision.number(), recordedRevision.attempt())),
                Traceparent.current()));
        recorded.recorded();
        log(revision);
        boolean touchedTheCluster = report.objects().stream().anyMatch(ObjectResult::onCluster);
        if (type == ActionType.APPLY && result.rollback().isPresent()) {
            ActionResult.Rollback rollback = result.rollback().get();
            helm.recordRollback(desired, rollback.failure(), rollback.restored(), rollback.rollback(),
                    attempt.appliedAt());
        } else if (type == ActionType.APPLY && touchedTheCluster) {
            helm.record(desired, report, attempt.appliedAt(), helmDescription);
        } else if (type == ActionType.DELETE && report.outcome() == Outcome.Uninstalled) {
            helm.forget(desired.release());
        }
        return eventOf(revision.number(), revision.attempt());
    }

    /**
     * A worker interrupted because the applier stops records nothing: the release is left as it is, its record
     * unacknowledged, for the next instance to take up, rather than recorded as failed by the interruption.
     */
    private static void abandonIfStopping(DesiredRelease desired) {
        if (Thread.currentThread().isInterrupted()) {
            throw new ReconcileAbandonedException(desired.release());
        }
    }

    /** What the release has on its cluster; a release never tried has nothing, and nothing to read. */
    private List<ObjectRef> inventory(DesiredRelease desired, Optional<ReleaseState> current) {
        return current.isEmpty() ? List.of() : Inventory.of(history.revisions(desired.release()));
    }

    /**
     * Runs the action; a failure no one foresaw fails the release, not the applier. The history database not
     * answering is no failure of the release: the reconcile is tried again.
     */
    private static ActionResult run(ReleaseAction action, ActionRequest request) {
        try {
            return action.reconcile(request);
        } catch (HistoryUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: unexpected failure in %s", request.desired().release(), action.name());
            return new ActionResult(ApplyReport.failed("unexpected failure while applying: " + e, List.of()));
        }
    }

    private static void log(Revision revision) {
        Attempt attempt = revision.attempt();
        if (attempt.message() == null) {
            LOG.infof("%s: revision %d %s (%d objects, %d ms)", revision.release(), revision.number(),
                    attempt.outcome(), attempt.objects().size(), attempt.durationMs());
        } else {
            LOG.warnf("%s: revision %d %s: %s", revision.release(), revision.number(), attempt.outcome(),
                    attempt.message());
        }
    }

    private static Attempt attemptOf(DesiredRelease desired, ApplyReport report, Instant start) {
        Instant now = Instant.now();
        return new Attempt(desired.release(), desired.sourceSha(), desired.sourceFile(), desired.chartName(),
                desired.chartVersion(), desired.inputDigest(), report.outcome(), report.error(), report.objects(), now,
                Duration.between(start, now).toMillis());
    }

    private static ReleaseApplied eventOf(int revision, Attempt attempt) {
        return new ReleaseApplied(attempt.release(), revision, attempt.outcome(), attempt.sourceSha(),
                attempt.sourceFile(), attempt.chartName(), attempt.chartVersion(), attempt.inputDigest(),
                attempt.objects(), attempt.durationMs(), attempt.appliedAt(), attempt.message());
    }
}
