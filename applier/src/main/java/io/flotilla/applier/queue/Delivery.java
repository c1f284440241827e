package io.flotilla.applier.queue;

import java.util.function.Supplier;

/**
 * The record a work was delivered in, as the work sees it: acknowledged once what it asked is done or no longer
 * needed, failed when it can never be processed. The Kafka edge makes one per record.
 */
public interface Delivery {

    /** The record asked for nothing more. */
    void acknowledge();

    /** No retry mends the record: it goes to the dead-letter topic. */
    void fail(Throwable failure);

    /** Runs {@code work} in the trace of the record, so that what it emits continues the commit's trace. */
    <T> T inTrace(Supplier<T> work);
}
