package io.flotilla.gitwatcher.autorelease;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

/**
 * The batching window: edits for one target (source, branch, push branch) received within the window of the first
 * become one commit, never one commit per image. Batches are written one at a time on a thread of their own, so Git
 * work never holds up the Kafka consumer. A batch that could not reach its remote is tried again after a pause
 * that doubles up to a limit, with the edits that arrived meanwhile; its records stay unacknowledged until then.
 */
final class ReleaseBatches {

    private static final Logger LOG = Logger.getLogger(ReleaseBatches.class);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);

    /** Edits waiting for one commit, and what completes once they are written or given up for good. */
    private static final class Batch {
        final List<PendingEdit> edits = new ArrayList<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        Duration nextPause = FIRST_PAUSE;
    }

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(work -> {
        Thread named = new Thread(work, "git-auto-release");
        named.setDaemon(true);
        return named;
    });
    private final Map<ReleaseTarget, Batch> open = new HashMap<>();
    private final AutoReleaseWriter writer;
    private final Duration window;
    private final Duration longestPause;

    ReleaseBatches(AutoReleaseWriter writer, Duration window, Duration longestPause) {
        this.writer = writer;
        this.window = window;
        this.longestPause = longestPause;
    }

    /** @return completes once every edit given is written, found already written, or given up for good */
    CompletableFuture<Void> add(List<PendingEdit> edits) {
        Map<ReleaseTarget, List<PendingEdit>> byTarget = edits.stream()
                .collect(Collectors.groupingBy(PendingEdit::target));
        return CompletableFuture.allOf(byTarget.entrySet().stream()
                .map(target -> join(target.getKey(), target.getValue(), window))
                .toArray(CompletableFuture[]::new));
    }

    /** Lets the batch being written end; the others stay unacknowledged, for the next instance. */
    void stop() {
        thread.shutdownNow();
    }

    private synchronized CompletableFuture<Void> join(ReleaseTarget target, List<PendingEdit> edits, Duration wait) {
        Batch batch = open.get(target);
        if (batch == null) {
            batch = new Batch();
            open.put(target, batch);
            try {
                thread.schedule(() -> write(target), wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // Stopping: the records stay unacknowledged and come to the next instance.
                open.remove(target);
                return batch.done;
            }
        }
        batch.edits.addAll(edits);
        return batch.done;
    }

    private void write(ReleaseTarget target) {
        Batch batch;
        synchronized (this) {
            batch = open.remove(target);
        }
        AutoReleaseWriter.Written written;
        try {
            written = writer.write(target, batch.edits);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Auto-release for %s failed: %s; trying again later", target, e.getMessage());
            written = AutoReleaseWriter.Written.TRY_AGAIN;
        }
        if (written == AutoReleaseWriter.Written.DONE) {
            batch.done.complete(null);
            return;
        }
        Duration doubled = batch.nextPause.multipliedBy(2);
        CompletableFuture<Void> retried;
        synchronized (this) {
            retried = join(target, batch.edits, batch.nextPause);
            Batch next = open.get(target);
            if (next != null) {
                next.nextPause = doubled.compareTo(longestPause) > 0 ? longestPause : doubled;
            }
        }
        retried.whenComplete((ok, failure) -> batch.done.complete(null));
    }
}
