package io.flotilla.applier.kafka;

import static io.flotilla.applier.Manifests.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.applier.Renders;
import io.flotilla.applier.apply.ClusterApply;
import io.flotilla.applier.helm.HelmReleaseStorage;
import io.flotilla.applier.history.ReleaseHistory;
import io.flotilla.applier.history.Taken;
import io.flotilla.applier.queue.ClusterQueues;
import io.flotilla.applier.queue.Delivery;
import io.flotilla.applier.queue.Ran;
import io.flotilla.applier.queue.Work;
import io.flotilla.applier.reconcile.AppliedTopic;
import io.flotilla.applier.reconcile.Cause;
import io.flotilla.applier.reconcile.LiveReads;
import io.flotilla.applier.reconcile.OutboxSignal;
import io.flotilla.applier.reconcile.ReconcilePolicy;
import io.flotilla.applier.reconcile.ReleaseReconciler;
import io.flotilla.applier.reconcile.RenderedReleases;
import io.flotilla.applier.reconcile.Trigger;
import io.flotilla.applier.slots.PostgresClusterSlots;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Two applier instances on one broker, one database and one fleet: the application under test, which takes the
 * rendered topic, and a second set of the applier's components made here on the same database, cluster clients and
 * outbox, which takes the renderings the rendered topic's partitions would have given it.
 */
@QuarkusTest
@TestProfile(TwoAppliersProfile.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(ClustersTestResource.class)
class TwoAppliersTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int LIMIT = 3;
    /** Slots renewed every 300 ms: an instance wanting slots gets its share within a second. */
    private static final Duration LEASE = Duration.ofMillis(900);

    private static Topics topics;

    @Inject
    ClusterApply apply;
    @Inject
    ReleaseHistory history;
    @Inject
    HelmReleaseStorage helm;
    @Inject
    LiveReads live;
    @Inject
    ReconcilePolicy policy;
    @Inject
    OutboxSignal recorded;
    @Inject
    AppliedTopic applied;

    private final List<ClusterQueues> madeHere = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopInstancesMadeHere() {
        madeHere.forEach(ClusterQueues::stop);
    }

    @BeforeAll
    static void connect() {
        topics = Topics.ofService();
    }

    @AfterAll
    static void disconnect() {
        topics.close();
    }

    @Test
    void aReleaseWaitingOnOneInstanceIsAppliedOnceWhatItDependsOnIsReadyOnTheOther() {
        ReleaseKey web = new ReleaseKey("dev", "storefront", "web");
        ReleaseKey db = new ReleaseKey("dev", "storedata", "db");
        topics.publish(Renders.with(Renders.chart(web, "storefront-1", List.of(configMap("web", null, Map.of()))),
                ReleaseOptions.builder().dependsOn(List.of("storedata/db")).build()));
        assertThat(topics.awaitOutcome(web, Outcome.Progressing).payload().error())
                .isEqualTo("waiting for dev/storedata/db to be Ready (dependsOn)");

        Acknowledged dbDone = new Acknowledged();
        submit(secondInstance(), Renders.chart(db, "storedata-1", List.of(configMap("db", null, Map.of()))), dbDone);
        await().atMost(PATIENCE).until(dbDone);

        assertThat(topics.awaitOutcome(web, Outcome.Ready).payload().revision()).isEqualTo(1);
        assertThat(dev().configMaps().inNamespace("storefront").withName("web").get()).isNotNull();
        assertThat(topics.applied(db)).extracting(event -> event.payload().outcome()).containsExactly(Outcome.Ready);
    }

    @Test
    void twoInstancesApplyNoMoreReleasesAtOnceOnAClusterThanItsLimitAndGiveTheirSlotsBackWhenIdle() {
        ClusterQueues first = instanceQueues(new PostgresClusterSlots(LEASE));
        ClusterQueues second = instanceQueues(new PostgresClusterSlots(LEASE));
        AtomicInteger applying = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Set<ReleaseKey> finished = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 24; i++) {
            ReleaseKey release = new ReleaseKey("limited", "apps", "app-" + i);
            (i % 2 == 0 ? first : second).submit(new Applying(release, () -> {
                most.accumulateAndGet(applying.incrementAndGet(), Math::max);
                pause();
                applying.decrementAndGet();
                finished.add(release);
            }));
        }

        await().atMost(PATIENCE).until(() -> finished.size() == 24);
        assertThat(most.get()).isEqualTo(LIMIT);
        PostgresClusterSlots third = new PostgresClusterSlots(LEASE);
        await().atMost(PATIENCE).until(() -> third.take("limited", LIMIT, LIMIT) == LIMIT);
    }

    /** The applier's components as a second instance makes them: its own queues and waits, the shared rest. */
    private RenderedReleases secondInstance() {
        return new RenderedReleases(new ReleaseReconciler(apply, history, helm, live, policy, recorded),
                instanceQueues(new PostgresClusterSlots(LEASE)), applied);
    }

    /** An instance's queues, {@value #LIMIT} releases of a cluster at once, on the shared slots. */
    private ClusterQueues instanceQueues(PostgresClusterSlots slots) {
        ClusterQueues queues = new ClusterQueues(LIMIT, Duration.ofMillis(200), Duration.ofSeconds(1), slots, LEASE,
                Duration.ofMillis(50));
        madeHere.add(queues);
        return queues;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A release's work that does {@code apply} in place of applying it to a cluster. */
    private record Applying(ReleaseKey release, Runnable apply) implements Work {

        @Override
        public boolean replaces(Work other) {
            return false;
        }

        @Override
        public Ran run() {
            apply.run();
            return Ran.FINISHED;
        }

        @Override
        public Ran runWhileUnreachable(String reason) {
            return run();
        }

        @Override
        public void drop() {
            throw new AssertionError(release + " dropped");
        }

        @Override
        public void fail(Throwable failure) {
            throw new AssertionError(release + " failed", failure);
        }
    }

    private static void submit(RenderedReleases instance, ReleaseRendered rendered, Delivery delivery) {
        String envelope = EventCodec.encode(Envelope.first("renderer", rendered));
        instance.submit(rendered, new Cause(Trigger.RENDERING, new Taken(rendered.commitOrder(), envelope),
                event -> EventCodec.encode(Envelope.first("applier", event))), delivery);
    }

    private static KubernetesClient dev() {
        return ClustersTestResource.fleet().cluster("dev").client();
    }

    /** A rendering's record as the second instance's partition would hold it: acknowledged once done. */
    private static final class Acknowledged implements Delivery, Callable<Boolean> {

        private volatile boolean done;
        private volatile Throwable failure;

        @Override
        public void acknowledge() {
            done = true;
        }

        @Override
        public void fail(Throwable failed) {
            failure = failed;
        }

        @Override
        public <T> T inTrace(Supplier<T> work) {
            return work.get();
        }

        @Override
        public Boolean call() {
            if (failure != null) {
                throw new AssertionError("the second instance failed its rendering", failure);
            }
            return done;
        }
    }
}
