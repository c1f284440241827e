package io.flotilla.applier.queue;

/**
 * Work that a delivered record asked for: the record is acknowledged once the work is done or dropped, and failed
 * when the work fails. The work runs later on a cluster's worker thread, in the trace of the record.
 */
public abstract class DeliveredWork implements Work {

    private final Delivery delivery;
    private final long arrival;

    /**
     * @param arrival where the record came in the order of records, which is their order on the release's
     *                partition
     */
    protected DeliveredWork(Delivery delivery, long arrival) {
        this.delivery = delivery;
        this.arrival = arrival;
    }

    /**
     * A record that came later asking the same of the same release makes this one pointless: the newest rendering
     * is the one to apply, and drift found later is found again if it lasts.
     */
    @Override
    public final boolean replaces(Work other) {
        return other.getClass() == getClass() && ((DeliveredWork) other).arrival < arrival;
    }

    @Override
    public final Ran run() {
        return delivery.inTrace(this::runInTrace);
    }

    @Override
    public final Ran runWhileUnreachable(String reason) {
        return delivery.inTrace(() -> runWhileUnreachableInTrace(reason));
    }

    /** {@link #run()}, with the record's trace current. */
    protected abstract Ran runInTrace();

    /** {@link #runWhileUnreachable(String)}, with the record's trace current. */
    protected abstract Ran runWhileUnreachableInTrace(String reason);

    /** The record asked for nothing more. */
    protected final void acknowledge() {
        delivery.acknowledge();
    }

    @Override
    public final void drop() {
        acknowledge();
    }

    @Override
    public final void fail(Throwable failure) {
        delivery.fail(failure);
    }
}
