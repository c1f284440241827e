package io.flotilla.applier.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.flotilla.events.ReleaseKey;

/** One cluster's queue, with works that record what happened to them instead of applying anything. */
class ClusterQueueTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<String> journal = new CopyOnWriteArrayList<>();
    private final AtomicBoolean clusterAnswers = new AtomicBoolean(true);
    private final List<String> answeredAgain = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        workers.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void theWorksOfOneReleaseRunOneAtATimeAndANewerRenderingReplacesOneNotStarted() throws InterruptedException {
        ClusterQueue queue = queue(4);
        CountDownLatch release = new CountDownLatch(1);
        queue.submit(new Recorded("web", "v1", release));
        await().atMost(PATIENCE).until(() -> journal.contains("web v1 started"));
        queue.submit(new Recorded("web", "v2", null));
        queue.submit(new Recorded("web", "v3", null));

        release.countDown();

        await().atMost(PATIENCE).until(() -> journal.contains("web v3 finished"));
        assertThat(journal).containsExactly("web v1 started", "web v2 dropped", "web v1 finished", "web v3 started",
                "web v3 finished");
    }

    @Test
    void noMoreThanTheConcurrencyRunAtOnceAndTheRestFollow() {
        ClusterQueue queue = queue(2);
        Overlapping works = new Overlapping();
        for (int i = 0; i < 10; i++) {
            queue.submit(works.named("app-" + i));
        }

        await().atMost(PATIENCE).until(() -> finished() == 10);
        assertThat(works.most()).isEqualTo(2);
    }

    @Test
    void twoInstancesSharingTheClustersSlotsRunNoMoreThanItsLimitTogetherAndBothGetTheirTurn() {
        SlotsInMemory slots = new SlotsInMemory();
        SharedSlots firstSlots = slots.instance("first");
        SharedSlots secondSlots = slots.instance("second");
        ClusterQueue first = queue(2, firstSlots);
        ClusterQueue second = queue(2, secondSlots);
        timer.scheduleWithFixedDelay(() -> {
            renew(first, firstSlots);
            renew(second, secondSlots);
        }, 50, 50, TimeUnit.MILLISECONDS);
        Overlapping works = new Overlapping();
        for (int i = 0; i < 20; i++) {
            (i % 2 == 0 ? first : second).submit(works.named("app-" + i));
        }

        await().atMost(PATIENCE).until(() -> finished() == 20);
        assertThat(works.most()).isEqualTo(2);
    }

    @Test
    void whileTheClusterDoesNotAnswerWorksAreHeldAndOneIsTriedAgainUntilItAnswersThenAllRun() {
        ClusterQueue queue = queue(4);
        clusterAnswers.set(false);
        queue.submit(new Recorded("first", "v1", null));
        await().atMost(PATIENCE).until(() -> journal.contains("first v1 unreachable"));
        queue.submit(new Recorded("second", "v1", null));
        queue.submit(new Recorded("third", "v1", null));
        await().atMost(PATIENCE).until(() -> journal.contains("third v1 held"));
        await().atMost(PATIENCE).until(() -> journal.stream().filter("first v1 unreachable"::equals).count() >= 3);
        assertThat(journal).doesNotContain("second v1 started", "third v1 started");

        clusterAnswers.set(true);

        await().atMost(PATIENCE).until(() -> journal.containsAll(List.of("first v1 finished", "second v1 finished",
                "third v1 finished")));
        await().atMost(PATIENCE).until(() -> answeredAgain.equals(List.of("dev")));
    }

    @Test
    void aWorkStoppedByATransientFaultRunsAgainAloneAfterABackoffWhileTheOthersGoOn() {
        ClusterQueue queue = queue(4);
        AtomicInteger tries = new AtomicInteger();
        queue.submit(new Recorded("web", "v1", null) {
            @Override
            public Ran run() {
                if (tries.incrementAndGet() < 3) {
                    journal.add("web v1 database down");
                    return Ran.retry("the release history could not be read");
                }
                return super.run();
            }
        });
        queue.submit(new Recorded("db", "v1", null));

        await().atMost(PATIENCE).until(() -> journal.contains("web v1 finished"));
        assertThat(journal).containsSubsequence("web v1 database down", "web v1 database down", "web v1 started",
                "web v1 finished").contains("db v1 finished").doesNotContain("web v1 failed");
        assertThat(answeredAgain).as("the cluster itself never stopped answering").isEmpty();
    }

    @Test
    void aWorkAbandonedBecauseTheApplierStopsIsNeitherFinishedNorFailedNorTriedAgain() {
        ClusterQueue queue = queue(4);
        queue.submit(new Recorded("web", "v1", null) {
            @Override
            public Ran run() {
                journal.add("web v1 abandoned");
                return Ran.ABANDONED;
            }
        });
        await().atMost(PATIENCE).until(() -> journal.contains("web v1 abandoned"));
        queue.submit(new Recorded("web", "v2", null));

        await().atMost(PATIENCE).until(() -> journal.contains("web v2 finished"));
        assertThat(journal).containsExactly("web v1 abandoned", "web v2 started", "web v2 finished");
    }

    @Test
    void aNewerRenderingReplacesOneHeldForTheCluster() {
        ClusterQueue queue = queue(4);
        clusterAnswers.set(false);
        queue.submit(new Recorded("web", "v1", null));
        await().atMost(PATIENCE).until(() -> journal.contains("web v1 unreachable"));

        queue.submit(new Recorded("web", "v2", null));
        await().atMost(PATIENCE).until(() -> journal.contains("web v2 held"));
        clusterAnswers.set(true);

        await().atMost(PATIENCE).until(() -> journal.contains("web v2 finished"));
        assertThat(journal).contains("web v1 dropped").doesNotContain("web v1 finished");
    }

    @Test
    void anOlderRenderingThatComesBackAfterANewerOneIsDropped() throws InterruptedException {
        ClusterQueue queue = queue(4);
        CountDownLatch release = new CountDownLatch(1);
        queue.submit(new Recorded("web", "v2", release));
        await().atMost(PATIENCE).until(() -> journal.contains("web v2 started"));

        queue.submit(new Recorded("web", "v1", null));
        release.countDown();

        await().atMost(PATIENCE).until(() -> journal.contains("web v2 finished"));
        assertThat(journal).containsExactly("web v2 started", "web v1 dropped", "web v2 finished");
    }

    @Test
    void aClusterThatLeavesLetsGoWhatWaitsWithoutRunningItAndIsIdleOnceWhatRunsIsDone() throws InterruptedException {
        ClusterQueue queue = queue(1);
        CountDownLatch release = new CountDownLatch(1);
        queue.submit(new Recorded("web", "v1", release));
        await().atMost(PATIENCE).until(() -> journal.contains("web v1 started"));
        queue.submit(new Recorded("api", "v1", null));

        queue.drain(() -> journal.add("idle"));
        assertThat(journal).containsExactly("web v1 started", "api v1 dropped");
        release.countDown();

        await().atMost(PATIENCE).until(() -> journal.contains("idle"));
        assertThat(journal).containsExactly("web v1 started", "api v1 dropped", "web v1 finished", "idle");
    }

    @Test
    void aClusterThatJoinsIsTriedAtOnceRatherThanAfterItsBackoff() {
        ClusterQueue queue = new ClusterQueue("dev", 4, new Backoff(Duration.ofMinutes(10), Duration.ofMinutes(10)),
                workers, timer, SlotsInMemory.alone(), Duration.ofMillis(20), answeredAgain::add);
        clusterAnswers.set(false);
        queue.submit(new Recorded("web", "v1", null));
        await().atMost(PATIENCE).until(() -> journal.contains("web v1 unreachable"));
        clusterAnswers.set(true);

        queue.tryNow();

        await().atMost(PATIENCE).until(() -> journal.contains("web v1 finished"));
        await().atMost(PATIENCE).until(() -> answeredAgain.equals(List.of("dev")));
    }

    private ClusterQueue queue(int concurrency) {
        return queue(concurrency, SlotsInMemory.alone());
    }

    private ClusterQueue queue(int concurrency, SharedSlots slots) {
        return new ClusterQueue("dev", concurrency, new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)),
                workers, timer, slots, Duration.ofMillis(20), answeredAgain::add);
    }

    /** What {@link ClusterQueues} does for each queue at each renewal of the slots. */
    private static void renew(ClusterQueue queue, SharedSlots slots) {
        long takes = queue.takes();
        queue.renewed(slots.renew().getOrDefault("dev", new SharedSlots.Holding(0, 0)), takes);
    }

    private long finished() {
        return journal.stream().filter(entry -> entry.endsWith("finished")).count();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Works that take a while and count how many of them ran at once at the most. */
    private final class Overlapping {

        private final AtomicInteger running = new AtomicInteger();
        private final AtomicInteger most = new AtomicInteger();

        Work named(String name) {
            return new Recorded(name, "v1", null) {
                @Override
                public Ran run() {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    pause(20);
                    running.decrementAndGet();
                    return super.run();
                }
            };
        }

        int most() {
            return most.get();
        }
    }

    /** A rendering of a release that writes what becomes of it in the journal, held back while a latch is shut. */
    private class Recorded implements Work {

        private final ReleaseKey release;
        private final String version;
        private final CountDownLatch go;

        Recorded(String name, String version, CountDownLatch go) {
            this.release = new ReleaseKey("dev", "apps", name);
            this.version = version;
            this.go = go;
        }

        @Override
        public ReleaseKey release() {
            return release;
        }

        /** A later version replaces an earlier one. */
        @Override
        public boolean replaces(Work other) {
            return other instanceof Recorded recorded && recorded.version.compareTo(version) < 0;
        }

        @Override
        public Ran run() {
            if (!clusterAnswers.get()) {
                note("unreachable");
                return Ran.unreachable("cluster 'dev' is unreachable");
            }
            note("started");
            if (go != null) {
                try {
                    go.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            note("finished");
            return Ran.FINISHED;
        }

        @Override
        public Ran runWhileUnreachable(String reason) {
            note("held");
            return Ran.unreachable(reason);
        }

        @Override
        public void drop() {
            note("dropped");
        }

        @Override
        public void fail(Throwable failure) {
            note("failed");
        }

        private void note(String what) {
            journal.add(release.name() + " " + version + " " + what);
        }
    }
}
