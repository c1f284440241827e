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
import io.flotilla.events.ObjectResult;
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
        ApplyReport report = switch (step) {
            case RECORD_RENDER_FAILURE -> ApplyReport.failed(rendered.error(), List.of());
            case SUSPEND -> new ApplyReport(Outcome.Suspended, List.of(), null);
            case UNINSTALL -> catchingAll(rendered, () -> apply.uninstall(rendered.release(), inventory(rendered)));
            default -> catchingAll(rendered, () -> applyWithRemediation(rendered, current, start, progress));
        };
        if (report.outcome() == Outcome.Unreachable && !recordUnreachable) {
            return Optional.of(new ReleaseApplied(rendered.release(), current.map(ReleaseState::currentRevision)
                    .orElse(0), Outcome.Unreachable, rendered.sourceSha(), rendered.sourceFile(), rendered.chartName(),
                    rendered.chartVersion(), rendered.inputDigest(), report.objects(),
                    Duration.between(start, Instant.now()).toMillis(), Instant.now(), report.error()));
        }
        return Optional.of(record(rendered, step, report, start));
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
        return record(rendered, step, ApplyReport.unreachable(reason, List.of()), Instant.now());
    }

    private ReleaseApplied record(ReleaseRendered rendered, NextStep step, ApplyReport report, Instant start) {
        Instant appliedAt = Instant.now();
        Revision revision = history.record(new Attempt(rendered.release(), rendered.sourceSha(),
                rendered.sourceFile(), rendered.chartName(), rendered.chartVersion(), rendered.inputDigest(),
                report.outcome(), report.error(), report.objects(), appliedAt,
                Duration.between(start, appliedAt).toMillis()),
                report.outcome() == Outcome.Ready && rendered.objects() != null ? rendered.objects().objects() : null,
                step == NextStep.APPLY ? rendered.options().driftDetection() : null);
        log(revision);
        boolean touchedTheCluster = report.objects().stream().anyMatch(result -> "applied".equals(result.action()));
        if (step == NextStep.APPLY && touchedTheCluster) {
            helm.record(rendered, revision.number(), report.outcome(), report.error(), appliedAt);
        } else if (step == NextStep.UNINSTALL && report.outcome() == Outcome.Uninstalled) {
            helm.forget(rendered.release());
        }
        return eventOf(revision);
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
        String mode = current.map(ReleaseState::driftMode).orElse("disabled");
        if (!"enabled".equals(mode) || current.get().status() != Outcome.Ready) {
            LOG.infof("%s: drift in %d objects reported, not corrected (drift detection %s)", drift.release(),
                    drift.objects().size(), mode);
            return;
        }
        history.lastReady(drift.release()).ifPresent(ready -> {
            List<Map<String, Object>> drifted = DriftedObjects.select(ready.getValue(), drift);
            ReleaseRendered again = new ReleaseRendered(drift.release(), ReleaseRendered.FORMAT_MANIFESTS, null, null,
                    null, null, null, null, null, null, drifted.size(), CompressedObjects.of(drifted), null);
            ApplyReport report = catchingAll(again, () -> apply.apply(again, List.of()));
            LOG.infof("%s: drift corrected in %d objects of revision %d: %s", drift.release(), drifted.size(),
                    ready.getKey(), report.error() == null ? report.outcome() : report.error());
        });
    }

    /** The event telling that the rendering waits for {@code dependencies} before it is applied. */
    public ReleaseApplied waiting(ReleaseRendered rendered, List<ReleaseKey> dependencies) {
        int revision = history.state(rendered.release()).map(ReleaseState::currentRevision).orElse(0) + 1;
        String names = dependencies.stream().map(ReleaseKey::toString).collect(Collectors.joining(", "));
        LOG.infof("%s: waiting for %s to be Ready (dependsOn)", rendered.release(), names);
        return new ReleaseApplied(rendered.release(), revision, Outcome.Progressing, rendered.sourceSha(),
                rendered.sourceFile(), rendered.chartName(), rendered.chartVersion(), rendered.inputDigest(), List.of(),
                0, Instant.now(), "waiting for " + names + " to be Ready (dependsOn)");
    }

    /**
     * Applies, tries again as often as the release's remediation allows, and when the tries of an upgrade
     * are spent, rolls back to the objects of the last Ready revision: {@code RolledBack}, with the reason.
     */
    private ApplyReport applyWithRemediation(ReleaseRendered rendered, Optional<ReleaseState> current, Instant start,
            Consumer<ReleaseApplied> progress) {
        List<ObjectRef> inventory = inventory(rendered);
        boolean upgrade = current.map(state -> state.readyInputDigest() != null).orElse(false);
        int retries = upgrade ? rendered.options().upgradeRetries() : rendered.options().installRetries();
        ApplyReport report = applyAndWait(rendered, inventory, current, start, progress);
        for (int retry = 1; retry <= retries && report.outcome() == Outcome.Failed; retry++) {
            LOG.warnf("%s: %s failed, retry %d of %d: %s", rendered.release(), upgrade ? "upgrade" : "install", retry,
                    retries, report.error());
            report = applyAndWait(rendered, inventory, current, start, progress);
        }
        if (report.outcome() != Outcome.Failed || retries == 0 || !upgrade) {
            return report;
        }
        Optional<Map.Entry<Integer, List<Map<String, Object>>>> lastReady = history.lastReady(rendered.release());
        if (lastReady.isEmpty()) {
            return report;
        }
        String reason = "upgrade failed after " + retries + (retries == 1 ? " retry: " : " retries: ") + report.error();
        List<ObjectRef> touched = new ArrayList<>(inventory);
        report.objects().stream().filter(result -> "applied".equals(result.action())).map(ObjectResult::object)
                .forEach(touched::add);
        List<Map<String, Object>> objects = lastReady.get().getValue();
        ReleaseRendered previous = new ReleaseRendered(rendered.release(), rendered.format(), rendered.repository(),
                rendered.sourceSha(), rendered.sourceFile(), rendered.chartName(), rendered.chartVersion(),
                rendered.chartDigest(), rendered.valuesDigest(), rendered.inputDigest(), objects.size(),
                CompressedObjects.of(objects), null, rendered.options(), false);
        ApplyReport rollback = applyAndWait(previous, touched, current, start, progress);
        if (rollback.outcome() != Outcome.Ready) {
            return ApplyReport.failed(reason + "; the rollback to revision " + lastReady.get().getKey()
                    + " failed too: " + rollback.error(), rollback.objects());
        }
        return new ApplyReport(Outcome.RolledBack, rollback.objects(),
                reason + "; rolled back to revision " + lastReady.get().getKey());
    }

    private ApplyReport applyAndWait(ReleaseRendered rendered, List<ObjectRef> inventory,
            Optional<ReleaseState> current, Instant start, Consumer<ReleaseApplied> progress) {
        ApplyReport applied = apply.apply(rendered, inventory);
        List<ObjectRef> objects = applied.objects().stream().filter(result -> "applied".equals(result.action()))
                .map(ObjectResult::object).toList();
        if (applied.outcome() != Outcome.Ready || !HealthWait.anyToWaitFor(objects)) {
            return applied;
        }
        int revision = current.map(ReleaseState::currentRevision).orElse(0) + 1;
        Instant now = Instant.now();
        progress.accept(new ReleaseApplied(rendered.release(), revision, Outcome.Progressing, rendered.sourceSha(),
                rendered.sourceFile(), rendered.chartName(), rendered.chartVersion(), rendered.inputDigest(),
                applied.objects(), Duration.between(start, now).toMillis(), now, null));
        return apply.awaitHealth(rendered.release(), objects, Duration.ofSeconds(rendered.options().timeoutSeconds()))
                .map(unhealthy -> ApplyReport.failed(unhealthy, applied.objects()))
                .orElse(applied);
    }

    private List<ObjectRef> inventory(ReleaseRendered rendered) {
        return Inventory.of(history.revisions(rendered.release()));
    }

    private static ApplyReport catchingAll(ReleaseRendered rendered, Supplier<ApplyReport> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: unexpected failure while applying", rendered.release());
            return ApplyReport.failed("unexpected failure while applying: " + e, List.of());
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

    private static ReleaseApplied eventOf(Revision revision) {
        Attempt attempt = revision.attempt();
        return new ReleaseApplied(attempt.release(), revision.number(), attempt.outcome(), attempt.sourceSha(),
                attempt.sourceFile(), attempt.chartName(), attempt.chartVersion(), attempt.inputDigest(),
                attempt.objects(), attempt.durationMs(), attempt.appliedAt(), attempt.message());
    }
}
