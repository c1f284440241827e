package io.flotilla.applier.apply;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.flotilla.events.DriftMode;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.applier.history.Attempt;
import io.flotilla.applier.history.ReleaseHistory;
import io.flotilla.applier.history.ReleaseState;
import io.flotilla.applier.history.Revision;
import io.flotilla.applier.dependency.WaitingReleases;
import io.flotilla.applier.health.HealthWait;
import io.flotilla.applier.helm.HelmReleaseStorage;
import io.flotilla.applier.prune.Inventory;
import io.flotilla.applier.drift.DriftedObjects;
import io.flotilla.events.CompressedObjects;
import io.flotilla.events.DriftFound;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;

/**
 * Brings one rendered release to its cluster: decides whether anything is to be done, applies, and
 * records the revision. Whatever the release or the cluster does, the answer is a revision and its
 * event; only a failing history database makes it throw.
 */
@Singleton
public class ReleaseReconciler {

    private static final Logger LOG = Logger.getLogger(ReleaseReconciler.class);

    private final ReleaseApply apply;
    private final ReleaseHistory history;
    private final HelmReleaseStorage helm;

    @Inject
    public ReleaseReconciler(ReleaseApply apply, ReleaseHistory history, HelmReleaseStorage helm) {
        this.apply = apply;
        this.history = history;
        this.helm = helm;
    }

    /**
     * The event of the recorded revision, or empty when the release needed nothing. While its workloads
     * roll out, {@code progress} hears a {@code Progressing} event of the revision to come. When the cluster
     * does not answer, the event is {@code Unreachable}; it is recorded only if {@code recordUnreachable}, so
     * that tries again while the cluster is away add no revisions.
     */
    public Optional<ReleaseApplied> reconcile(ReleaseRendered rendered, Consumer<ReleaseApplied> progress,
            boolean recordUnreachable) {
        Instant start = Instant.now();
        Optional<ReleaseState> current = history.state(rendered.release());
        NextStep step = NextStep.after(current, rendered);
        if (step == NextStep.NOTHING) {
            LOG.debugf("%s: input %s needs nothing (removed: %s, current: %s)", rendered.release(),
                    rendered.inputDigest(), rendered.removed(), current.orElse(null));
            return Optional.empty();
        }
        Remediated remediated = switch (step) {
            case RECORD_RENDER_FAILURE -> new Remediated(ApplyReport.failed(rendered.error(), List.of()));
            case SUSPEND -> new Remediated(new ApplyReport(Outcome.Suspended, List.of(), null));
            case UNINSTALL -> catchingAll(rendered,
                    () -> new Remediated(apply.uninstall(rendered.release(), inventory(rendered, current))));
            default -> catchingAll(rendered, () -> applyWithRemediation(rendered, current, start, progress));
        };
        if (remediated.report().outcome() == Outcome.Unreachable && !recordUnreachable) {
            return Optional.of(eventOf(current.map(ReleaseState::currentRevision).orElse(0),
                    attemptOf(rendered, remediated.report(), start)));
        }
        return Optional.of(record(rendered, step, remediated, start));
    }

    /** Whether the rendering calls for the cluster at all: applying or uninstalling, not recording or skipping. */
    public boolean needsCluster(ReleaseRendered rendered) {
        NextStep step = NextStep.after(history.state(rendered.release()), rendered);
        return step == NextStep.APPLY || step == NextStep.UNINSTALL;
    }

    /**
     * Records that the rendering waits for its cluster, which does not answer ({@code reason}): an
     * {@code Unreachable} revision, applied once the cluster answers again.
     */
    public ReleaseApplied unreachable(ReleaseRendered rendered, String reason) {
        NextStep step = NextStep.after(history.state(rendered.release()), rendered);
        return record(rendered, step, new Remediated(ApplyReport.unreachable(reason, List.of())), Instant.now());
    }

    private ReleaseApplied record(ReleaseRendered rendered, NextStep step, Remediated remediated, Instant start) {
        ApplyReport report = remediated.report();
        Attempt attempt = attemptOf(rendered, report, start);
        Revision revision = history.record(attempt,
                report.outcome() == Outcome.Ready && rendered.objects() != null ? rendered.objects().objects() : null,
                step == NextStep.APPLY ? rendered.options().driftDetection() : null);
        log(revision);
        boolean touchedTheCluster = report.objects().stream().anyMatch(ReleaseApply::isApplied);
        if (step == NextStep.APPLY && remediated.rollback().isPresent()) {
            Rollback rollback = remediated.rollback().get();
            helm.recordRollback(rollback.restored(), revision.number(), rollback.toRevision(), attempt.appliedAt());
        } else if (step == NextStep.APPLY && touchedTheCluster) {
            helm.record(rendered, revision.number(), report.outcome(), report.error(), attempt.appliedAt());
        } else if (step == NextStep.UNINSTALL && report.outcome() == Outcome.Uninstalled) {
            helm.forget(rendered.release());
        }
        return eventOf(revision.number(), revision.attempt());
    }

    /**
     * The releases named in {@code dependsOn} that are not Ready on the cluster, when the rendering is to be
     * applied; empty when it may go ahead.
     */
    public List<ReleaseKey> unreadyDependencies(ReleaseRendered rendered) {
        if (rendered.options().dependsOn().isEmpty()
                || NextStep.after(history.state(rendered.release()), rendered) != NextStep.APPLY) {
            return List.of();
        }
        return WaitingReleases.dependenciesOf(rendered.release(), rendered.options().dependsOn()).stream()
                .filter(dependency -> history.state(dependency).filter(state -> state.status() == Outcome.Ready)
                        .isEmpty())
                .toList();
    }

    /**
     * Answers drift on the cluster as the release asks: in mode {@code enabled}, the drifted objects of its
     * Ready revision are applied again, as they were rendered; in any other mode the drift is only reported.
     * Nothing is recorded: the revision stays what it is.
     */
    public void correct(DriftFound drift) {
        Optional<ReleaseState> current = history.state(drift.release());
        DriftMode mode = current.map(ReleaseState::driftMode).orElse(DriftMode.DISABLED);
        if (mode != DriftMode.ENABLED || current.get().status() != Outcome.Ready) {
            LOG.infof("%s: drift in %d objects reported, not corrected (drift detection %s)", drift.release(),
                    drift.objects().size(), mode);
            return;
        }
        history.lastReady(drift.release()).ifPresent(ready -> {
            List<Map<String, Object>> drifted = DriftedObjects.select(ready.getValue(), drift);
            ReleaseRendered again = new ReleaseRendered(drift.release(), ReleaseFormat.MANIFESTS, null, null,
                    null, null, null, null, null, null, drifted.size(), CompressedObjects.of(drifted), null);
            ApplyReport report = catchingAll(again, () -> new Remediated(apply.apply(again, List.of()))).report();
            LOG.infof("%s: drift corrected in %d objects of revision %d: %s", drift.release(), drifted.size(),
                    ready.getKey(), report.error() == null ? report.outcome() : report.error());
        });
    }

    /** The event telling that the rendering waits for {@code dependencies} before it is applied. */
    public ReleaseApplied waiting(ReleaseRendered rendered, List<ReleaseKey> dependencies) {
        int revision = history.state(rendered.release()).map(ReleaseState::currentRevision).orElse(0) + 1;
        String names = dependencies.stream().map(ReleaseKey::toString).collect(Collectors.joining(", "));
        LOG.infof("%s: waiting for %s to be Ready (dependsOn)", rendered.release(), names);
        return eventOf(revision, attemptOf(rendered, new ApplyReport(Outcome.Progressing, List.of(),
                "waiting for " + names + " to be Ready (dependsOn)"), Instant.now()));
    }

    /**
     * Applies, tries again as often as the release's remediation allows, and when the tries of an upgrade
     * are spent, rolls back to the objects of the last Ready revision: {@code RolledBack}, with the reason.
     * The attempts reported are those made: a try the cluster did not answer ends the tries.
     */
    private Remediated applyWithRemediation(ReleaseRendered rendered, Optional<ReleaseState> current, Instant start,
            Consumer<ReleaseApplied> progress) {
        List<ObjectRef> inventory = inventory(rendered, current);
        boolean upgrade = current.map(state -> state.readyInputDigest() != null).orElse(false);
        String action = upgrade ? "upgrade" : "install";
        int retries = upgrade ? rendered.options().upgradeRetries() : rendered.options().installRetries();
        ApplyReport report = applyAndWait(rendered, inventory, current, start, progress);
        int attempts = 1;
        while (report.outcome() == Outcome.Failed && attempts <= retries) {
            LOG.warnf("%s: %s failed, retry %d of %d: %s", rendered.release(), action, attempts, retries,
                    report.error());
            report = applyAndWait(rendered, inventory, current, start, progress);
            attempts++;
        }
        if (report.outcome() != Outcome.Failed || attempts == 1) {
            return new Remediated(report);
        }
        String reason = action + " failed after " + attempts + " attempts: " + report.error();
        Optional<Map.Entry<Integer, List<Map<String, Object>>>> lastReady = upgrade
                ? history.lastReady(rendered.release()) : Optional.empty();
        if (lastReady.isEmpty()) {
            return new Remediated(ApplyReport.failed(reason, report.objects()));
        }
        List<ObjectRef> touched = new ArrayList<>(inventory);
        touched.addAll(ReleaseApply.appliedObjects(report));
        List<Map<String, Object>> objects = lastReady.get().getValue();
        ReleaseRendered previous = new ReleaseRendered(rendered.release(), rendered.format(), rendered.repository(),
                rendered.sourceSha(), rendered.sourceFile(), rendered.chartName(), rendered.chartVersion(),
                rendered.chartDigest(), rendered.valuesDigest(), rendered.inputDigest(), objects.size(),
                CompressedObjects.of(objects), null, rendered.options(), false);
        ApplyReport rollback = applyAndWait(previous, touched, current, start, progress);
        if (rollback.outcome() != Outcome.Ready) {
            return new Remediated(ApplyReport.failed(reason + "; the rollback to revision " + lastReady.get().getKey()
                    + " failed too: " + rollback.error(), rollback.objects()));
        }
        return new Remediated(new ApplyReport(Outcome.RolledBack, rollback.objects(),
                reason + "; rolled back to revision " + lastReady.get().getKey()),
                Optional.of(new Rollback(lastReady.get().getKey(), previous)));
    }

    private ApplyReport applyAndWait(ReleaseRendered rendered, List<ObjectRef> inventory,
            Optional<ReleaseState> current, Instant start, Consumer<ReleaseApplied> progress) {
        ApplyReport applied = apply.apply(rendered, inventory);
        if (applied.outcome() != Outcome.Ready || !HealthWait.anyToWaitFor(ReleaseApply.appliedObjects(applied))) {
            return applied;
        }
        int revision = current.map(ReleaseState::currentRevision).orElse(0) + 1;
        return apply.awaitHealth(rendered.release(), applied, Duration.ofSeconds(rendered.options().timeoutSeconds()),
                () -> progress.accept(eventOf(revision, attemptOf(rendered,
                        new ApplyReport(Outcome.Progressing, applied.objects(), null), start))));
    }

    /** What the release has on its cluster; a release never tried has nothing, and nothing to read. */
    private List<ObjectRef> inventory(ReleaseRendered rendered, Optional<ReleaseState> current) {
        return current.isEmpty() ? List.of() : Inventory.of(history.revisions(rendered.release()));
    }

    private static Remediated catchingAll(ReleaseRendered rendered, Supplier<Remediated> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: unexpected failure while applying", rendered.release());
            return new Remediated(ApplyReport.failed("unexpected failure while applying: " + e, List.of()));
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

    private static Attempt attemptOf(ReleaseRendered rendered, ApplyReport report, Instant start) {
        Instant now = Instant.now();
        return new Attempt(rendered.release(), rendered.sourceSha(), rendered.sourceFile(), rendered.chartName(),
                rendered.chartVersion(), rendered.inputDigest(), report.outcome(), report.error(), report.objects(), now,
                Duration.between(start, now).toMillis());
    }

    private static ReleaseApplied eventOf(int revision, Attempt attempt) {
        return new ReleaseApplied(attempt.release(), revision, attempt.outcome(), attempt.sourceSha(),
                attempt.sourceFile(), attempt.chartName(), attempt.chartVersion(), attempt.inputDigest(),
                attempt.objects(), attempt.durationMs(), attempt.appliedAt(), attempt.message());
    }

    /** What applying came to, and the revision rolled back to when remediation did. */
    private record Remediated(ApplyReport report, Optional<Rollback> rollback) {

        Remediated(ApplyReport report) {
            this(report, Optional.empty());
        }
    }

    /** The objects of revision {@code toRevision}, on the cluster again. */
    private record Rollback(int toRevision, ReleaseRendered restored) {
    }
}
