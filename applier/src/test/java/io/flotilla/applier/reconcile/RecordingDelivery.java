package io.flotilla.applier.reconcile;

import java.util.function.Supplier;

import io.flotilla.applier.queue.Delivery;

/** A delivery that remembers whether it was acknowledged or failed. */
final class RecordingDelivery implements Delivery {

    private volatile boolean acknowledged;
    private volatile Throwable failure;

    @Override
    public void acknowledge() {
        acknowledged = true;
    }

    @Override
    public void fail(Throwable failure) {
        this.failure = failure;
    }

    @Override
    public <T> T inTrace(Supplier<T> work) {
        return work.get();
    }

    boolean acknowledged() {
        return acknowledged;
    }

    Throwable failure() {
        return failure;
    }
}
