package io.flotilla.renderer.render;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A commit's renders, in two stages that run side by side: Helm's template calls on a bounded number of threads,
 * and reading their output into objects (YAML, then compressed JSON) on threads of their own, so that Java's part
 * of one release runs while Helm renders the next. All renders finish before the commit's results are emitted,
 * in commit order. The default is one Helm call at a time per two cores: on two cores, two helm-java template
 * calls at once took longer than the same calls one after the other.
 */
final class RenderPool implements AutoCloseable {

    /** A render in two stages; each keeps its own outcome, errors included. */
    interface Stages {
        /** Helm's template call. */
        void helm();

        /** Helm's output read into the objects to emit. */
        void read();
    }

    private final ExecutorService helmThreads;
    private final ExecutorService objectThreads;

    private RenderPool(int size) {
        this.helmThreads = Executors.newFixedThreadPool(size, named("helm-render"));
        this.objectThreads = Executors.newFixedThreadPool(size, named("helm-output"));
    }

    /** @param threads Helm calls at once; 0 for the default, one per two cores */
    static RenderPool of(int threads) {
        return new RenderPool(threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    }

    /** Runs both stages of every render and returns when all are done. */
    void renderAll(Collection<? extends Stages> renderings) {
        List<CompletableFuture<Void>> running = new ArrayList<>(renderings.size());
        for (Stages rendering : renderings) {
            running.add(CompletableFuture.runAsync(rendering::helm, helmThreads)
                    .thenRunAsync(rendering::read, objectThreads));
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw new IllegalStateException("a rendering failed unexpectedly", e.getCause());
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        helmThreads.shutdownNow();
        objectThreads.shutdownNow();
    }
}
