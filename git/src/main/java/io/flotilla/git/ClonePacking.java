package io.flotilla.git;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.jboss.logging.Logger;

/**
 * Packs clones beside their fetches ({@link BareClone#tidy()}) on a thread of its own: the fetch asks once it is done
 * and goes on at once, and asks for a clone that is already waiting come to one packing. A packing that fails is
 * logged and tried again after the clone's next fetch: a clone of many packs reads slower, never wrongly.
 */
public final class ClonePacking implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClonePacking.class);

    private final Set<BareClone> waiting = ConcurrentHashMap.newKeySet();
    private final ExecutorService thread;

    /** @param threadName the name of the thread that packs, as thread dumps and logs show it */
    public ClonePacking(String threadName) {
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread packing = new Thread(task, threadName);
            packing.setDaemon(true);
            return packing;
        });
    }

    /** {@code clone} fetched: it is packed soon if its packs are past {@link BareClone#PACK_LIMIT}. */
    public void fetched(BareClone clone) {
        if (!waiting.add(clone)) {
            return;
        }
        try {
            thread.execute(() -> {
                waiting.remove(clone);
                pack(clone);
            });
        } catch (RejectedExecutionException stopping) {
            waiting.remove(clone);
        }
    }

    private static void pack(BareClone clone) {
        try {
            if (clone.tidy()) {
                LOG.debugf("packed the local clone of %s", clone.remote());
            }
        } catch (RuntimeException e) {
            LOG.warnf("%s; packed again after its next fetch", e.getMessage());
        }
    }

    /** Takes no more clones; a packing under way finishes (a pack is written whole and then moved into place). */
    @Override
    public void close() {
        thread.shutdown();
    }
}
