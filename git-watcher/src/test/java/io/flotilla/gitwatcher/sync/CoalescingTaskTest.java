package io.flotilla.gitwatcher.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoalescingTaskTest {

    final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void requestsDuringARunCoalesceIntoOneMoreRun() throws InterruptedException {
        CountDownLatch firstRunStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstRun = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        CoalescingTask task = new CoalescingTask("test", () -> {
            if (runs.incrementAndGet() == 1) {
                firstRunStarted.countDown();
                awaitQuietly(releaseFirstRun);
            }
        }, threads);

        task.request();
        assertThat(firstRunStarted.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 5; i++) {
            task.request();
        }
        releaseFirstRun.countDown();

        await().untilAsserted(() -> assertThat(runs).hasValue(2));
        quiesce();
        assertThat(runs).hasValue(2);
    }

    @Test
    void runsOneAtATimeAndItsLastRunSeesWhatTheLastRequestAskedFor() throws InterruptedException {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        // As a push moves the branch before its webhook asks for a fetch: each request raises the head first.
        AtomicInteger head = new AtomicInteger();
        AtomicInteger fetched = new AtomicInteger();
        CoalescingTask task = new CoalescingTask("test", () -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            fetched.set(head.get());
            Thread.yield();
            running.decrementAndGet();
        }, threads);

        ExecutorService requesters = Executors.newFixedThreadPool(4);
        for (int i = 1; i <= 400; i++) {
            int pushed = i;
            requesters.execute(() -> {
                head.accumulateAndGet(pushed, Math::max);
                task.request();
            });
        }
        requesters.shutdown();
        assertThat(requesters.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        quiesce();

        assertThat(mostAtOnce).hasValue(1);
        assertThat(fetched).hasValue(400);
    }

    @Test
    void aFailedRunDoesNotStopLaterRuns() {
        AtomicInteger runs = new AtomicInteger();
        CoalescingTask task = new CoalescingTask("test", () -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("repository not found");
            }
        }, threads);

        task.request();
        await().untilAsserted(() -> assertThat(runs).hasValue(1));
        task.request();

        await().untilAsserted(() -> assertThat(runs).hasValue(2));
    }

    private void quiesce() throws InterruptedException {
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
