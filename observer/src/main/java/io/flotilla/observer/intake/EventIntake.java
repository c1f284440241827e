package io.flotilla.observer.intake;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.Envelope;
import io.flotilla.events.Event;
import io.flotilla.events.ImageTagFound;
import io.flotilla.events.PullSecretsSynced;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseReconciled;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.RolloutHeld;
import io.flotilla.observer.bootstrap.Bootstrap;
import io.flotilla.observer.drift.DriftWatch;
import io.flotilla.observer.image.ImageChoices;
import io.flotilla.observer.metrics.ReleaseMetrics;
import io.flotilla.observer.pullsecret.PullSecretSyncs;
import io.flotilla.observer.release.Releases;
import io.flotilla.observer.rollout.HeldRollouts;
import io.flotilla.observer.timeline.EventStream;
import io.flotilla.observer.timeline.Timeline;
import io.flotilla.observer.trend.Trends;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * What the observer does with each event it reads: keeps it in the timeline, updates the release it is about and the
 * commit-to-applied latency, the cluster's bootstrap, the rollouts held at a wave gate, the tags images' policies chose
 * and each cluster's pull secrets, hands rendered and applied releases to the drift watch, and streams it to the
 * dashboard. What the events of a moment change together (each cluster's bootstrap and releases Ready, each commit's
 * hops) is counted again once for all of them ({@link Recounts}).
 * A {@link ReleaseReconciled} only updates when its release was last reconciled (and, when it found the release in
 * another status, the counts of its cluster): one comes for every release at every interval, and the timeline tells
 * what changed.
 */
@ApplicationScoped
public class EventIntake {

    private static final Logger LOG = Logger.getLogger(EventIntake.class);

    private final Mutiny.SessionFactory sessions;
    private final Timeline timeline;
    private final Releases releases;
    private final DriftWatch drift;
    private final EventStream stream;
    private final ReleaseMetrics metrics;
    private final Bootstrap bootstrap;
    private final HeldRollouts rollouts;
    private final ImageChoices images;
    private final PullSecretSyncs pullSecrets;
    private final Trends trends;
    private final Recounts recounts;

    public EventIntake(Mutiny.SessionFactory sessions, Timeline timeline, Releases releases, DriftWatch drift,
            EventStream stream, ReleaseMetrics metrics, Bootstrap bootstrap, HeldRollouts rollouts,
            ImageChoices images, PullSecretSyncs pullSecrets, Trends trends, Recounts recounts) {
        this.trends = trends;
        this.recounts = recounts;
        this.images = images;
        this.pullSecrets = pullSecrets;
        this.bootstrap = bootstrap;
        this.rollouts = rollouts;
        this.stream = stream;
        this.metrics = metrics;
        this.sessions = sessions;
        this.timeline = timeline;
        this.releases = releases;
        this.drift = drift;
    }

    /**
     * The event and what it says about its release are kept together, and only the first time it comes. A database
     * that does not answer is waited for, each try logged, with the record unacknowledged: an event is never given
     * up to the dead-letter topic for a fault of the database.
     *
     * @param traceparent the trace context an applied event came with, which the drift it may lead to continues;
     *                    null for other events
     */
    public void take(Envelope<Event> envelope, String traceparent) {
        if (envelope.payload() instanceof ReleaseReconciled reconciled) {
            Instant at = reconciled.reconciledAt() == null ? envelope.time() : reconciled.reconciledAt();
            boolean changed = keep(envelope, () -> sessions.withTransaction(session -> releases.reconciled(session,
                    reconciled).call(moved -> moved ? countPastHour(session, reconciled.release().cluster(), at)
                            : Uni.createFrom().voidItem())));
            if (changed) {
                countedTogether(reconciled.release().cluster(), at);
            }
            stream.kept(envelope);
            return;
        }
        boolean isNew = keep(envelope, () -> sessions.withTransaction(session -> timeline.record(session, envelope)
                .call(first -> first ? follow(session, envelope) : Uni.createFrom().voidItem())));
        watchDrift(envelope, traceparent);
        if (envelope.payload() instanceof ReleaseApplied applied) {
            countedTogether(applied.release().cluster(),
                    applied.appliedAt() == null ? envelope.time() : applied.appliedAt());
            recounts.journeyMoved(envelope.correlationId());
        } else if (envelope.payload() instanceof ReleaseRendered rendered) {
            recounts.bootstrapMayBeDone(rendered.release().cluster());
            recounts.journeyMoved(envelope.correlationId());
        }
        if (isNew) {
            stream.kept(envelope);
        }
    }

    /**
     * A release event of an hour already over (read again after an outage) is counted at once, in its transaction, as
     * its cluster's releases Ready at the end of that hour; those of the current hour are counted together, once for
     * all the events of a moment, after they are kept ({@link #countedTogether}).
     */
    private Uni<Void> countPastHour(Mutiny.Session session, String cluster, Instant at) {
        return isPastHour(at) ? trends.releasesChanged(session, cluster, at) : Uni.createFrom().voidItem();
    }

    /** After a release's status event is kept: what {@link Recounts} counts again for its cluster. */
    private void countedTogether(String cluster, Instant at) {
        recounts.bootstrapMayBeDone(cluster);
        if (!isPastHour(at)) {
            recounts.releasesChanged(cluster, at);
        }
    }

    private static boolean isPastHour(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS).isBefore(Instant.now().truncatedTo(ChronoUnit.HOURS));
    }

    /** Waits until {@code work} is done, trying again while the database does not answer, each try logged. */
    static <T> T keep(Envelope<Event> envelope, Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> work.get()
                    .onFailure().invoke(failure -> LOG.warnf("%s %s: not kept yet, tried again: %s", envelope.type(),
                            envelope.id(), failure.getMessage()))
                    .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely());
        } catch (Throwable e) {
            throw new IllegalStateException(envelope.type() + " " + envelope.id() + ": not kept", e);
        }
    }

    /** Drift is followed for events seen again too: the drift watch knows an applied event it follows already. */
    @SuppressWarnings("unchecked")
    private void watchDrift(Envelope<Event> envelope, String traceparent) {
        if (envelope.payload() instanceof ReleaseRendered rendered) {
            drift.rendered(rendered);
        } else if (envelope.payload() instanceof ReleaseApplied) {
            drift.applied((Envelope<ReleaseApplied>) (Envelope<?>) envelope, traceparent);
        }
    }

    @SuppressWarnings("unchecked")
    private Uni<Void> follow(Mutiny.Session session, Envelope<Event> envelope) {
        if (envelope.payload() instanceof ImageTagFound) {
            return images.found(session, (Envelope<ImageTagFound>) (Envelope<?>) envelope);
        }
        if (envelope.payload() instanceof PullSecretsSynced synced) {
            return pullSecrets.synced(session, synced);
        }
        if (envelope.payload() instanceof CommitDetected commit) {
            return trends.detected(session, envelope.correlationId(), commit.sha(), envelope.time());
        }
        if (envelope.payload() instanceof ReleaseRendered rendered) {
            return bootstrap.rendered(session, rendered)
                    .call(() -> releases.rendered(session, rendered))
                    .call(() -> drift.keep(session, rendered));
        }
        if (envelope.payload() instanceof RolloutHeld held) {
            return rollouts.held(session, held);
        }
        if (envelope.payload() instanceof ReleaseApplied applied) {
            return releases.applied(session, applied)
                    .call(() -> countPastHour(session, applied.release().cluster(),
                            applied.appliedAt() == null ? envelope.time() : applied.appliedAt()))
                    .call(() -> rollouts.applied(session, applied))
                    .call(() -> timeline.commitOf(session, envelope.correlationId()).invoke(commit -> {
                        if (commit != null) {
                            metrics.commitToApplied(applied.release().cluster(), applied.outcome().name(),
                                    Duration.between(commit.time, envelope.time()));
                        }
                    }));
        }
        return Uni.createFrom().voidItem();
    }
}
