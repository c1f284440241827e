package io.flotilla.gitwatcher.store;

import java.util.function.Supplier;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Database work for threads that block anyway (fetch threads, REST workers): the reactive session runs
 * on a Vert.x context and the caller waits for its result.
 */
public final class BlockingStore {

    private BlockingStore() {
    }

    /** @param what names the store in the error, e.g. "position store" */
    public static <T> T await(String what, Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        }
    }
}
