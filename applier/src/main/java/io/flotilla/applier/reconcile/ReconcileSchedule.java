package io.flotilla.applier.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.flotilla.applier.history.ReleaseHistory;
import io.flotilla.applier.queue.ClusterQueues;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.clusters.Fleet;
import io.flotilla.clusters.RegisteredCluster;
import io.flotilla.events.Envelope;
import io.flotilla.events.Event;
import io.flotilla.events.EventCodec;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.quarkus.runtime.StartupEvent;

/**
 * Reconciles releases when no rendering asks: each at its interval and failed ones after their backoff (the
 * history says which are due; every {@code flotilla.reconcile.tick} the due ones are queued, and renderings held at
 * their wave gate are due at every tick), every release of a cluster that answers again or joins the fleet again, and
 * whatever the API asks for. Each is queued on its cluster as a {@link ReconcileWork}; one already queued for a
 * release is not queued twice. Only the fleet's clusters are reconciled: one that left gets no more work.
 */
@Singleton
public class ReconcileSchedule {

    static final String SOURCE = "applier";
    private static final Logger LOG = Logger.getLogger(ReconcileSchedule.class);
    private static final int DUE_AT_ONCE = 1000;

    private final ReleaseHistory history;
    private final ReleaseReconciler reconciler;
    private final RenderedReleases renderings;
    private final ClusterQueues queues;
    private final AppliedTopic applied;
    private final ReconcilePolicy policy;
    private final Fleet fleet;
    private final Duration tick;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "applier-reconcile-schedule");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    public ReconcileSchedule(ReleaseHistory history, ReleaseReconciler reconciler, RenderedReleases renderings,
            ClusterQueues queues, AppliedTopic applied, ReconcilePolicy policy, Fleet fleet,
            @ConfigProperty(name = "flotilla.reconcile.tick", defaultValue = "5s") Duration tick) {
        this.history = history;
        this.fleet = fleet;
        this.reconciler = reconciler;
        this.renderings = renderings;
        this.queues = queues;
        this.applied = applied;
        this.policy = policy;
        this.tick = tick;
    }

    void start(@Observes StartupEvent started) {
        queues.whenAnswersAgain(cluster -> submit(history.releases(cluster), Trigger.CLUSTER));
        timer.scheduleWithFixedDelay(this::queueDue, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    /**
     * Queues the release, asked for by someone; the number queued (0 for a release this applier never took, or on a
     * cluster no longer in the fleet).
     */
    public int request(ReleaseKey release) {
        return history.state(release).isPresent() ? submit(List.of(release), Trigger.REQUEST) : 0;
    }

    /**
     * Queues a rollback of the release to revision {@code target} on its cluster: done with the revision it recorded,
     * or failed with a {@link RollbackRefusedException} saying why not.
     */
    public CompletableFuture<ReleaseApplied> rollback(ReleaseKey release, int target) {
        if (!fleet.contains(release.cluster())) {
            return CompletableFuture.failedFuture(new RollbackRefusedException("cluster '" + release.cluster()
                    + "' is not in the fleet", true));
        }
        RollbackWork work = new RollbackWork(release, target, reconciler, this);
        queues.submit(work);
        return work.done();
    }

    /** Queues every release of the cluster, or of the fleet when {@code cluster} is null; the number queued. */
    public int requestAll(String cluster) {
        return submit(history.releases(cluster), Trigger.REQUEST);
    }

    /**
     * The cluster joined the fleet registered at {@code registeredAt}: its releases not reconciled since (it joins
     * again after it left) are, at once. A cluster that never left was reconciled since, and is left alone.
     */
    void rejoined(String cluster, Instant registeredAt) {
        int queued = submit(history.reconciledBefore(cluster, registeredAt), Trigger.CLUSTER);
        if (queued > 0) {
            LOG.infof("cluster '%s' joined the fleet again: %d releases reconciled", cluster, queued);
        }
    }

    /** Uninstalls the release, whose cluster left the fleet asking for it; {@code done} runs once it is settled. */
    void uninstall(ReleaseKey release, Runnable done) {
        queues.submit(new ClusterRemovalWork(release, this, history, reconciler, done));
    }

    /** Looks for due releases on the fleet's clusters; a cluster that left is not reconciled any more. */
    private void queueDue() {
        try {
            submit(history.due(Instant.now(), fleet.members().stream().map(RegisteredCluster::name).toList(),
                    DUE_AT_ONCE), Trigger.INTERVAL);
        } catch (RuntimeException e) {
            LOG.warnf("releases due to be reconciled could not be read; tried again in %s: %s", tick, e.getMessage());
        }
    }

    private int submit(List<ReleaseKey> releases, Trigger trigger) {
        List<ReleaseKey> inFleet = releases.stream().filter(release -> fleet.contains(release.cluster())).toList();
        inFleet.forEach(release -> queues.submit(new ReconcileWork(release, trigger, this, history, reconciler)));
        return inFleet.size();
    }

    /** The release waits for what it depends on: it is looked at again after the first retry delay. */
    void postpone(DesiredRelease desired) {
        Instant now = Instant.now();
        history.reconciled(desired.release(), now, policy.next(desired, Outcome.Failed, 1, now));
    }

    void readied(ReleaseKey release) {
        renderings.readied(release);
    }

    /** An event of a reconcile no rendering caused: it starts a journey of its own. */
    String encode(Event event) {
        return EventCodec.encode(Envelope.first(SOURCE, event));
    }

    void tell(Event event) {
        applied.send(event.key(), encode(event));
    }
}
