package io.flotilla.applier.kafka;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.flotilla.applier.queue.Ran;
import io.flotilla.applier.queue.Work;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * Work that a Kafka record asked for: the record is acknowledged once the work is done or dropped, and sent to
 * the dead-letter topic when the work fails. The work runs later on a cluster's worker thread, in the trace of
 * the record that asked for it, so what it emits continues the commit's trace.
 */
abstract class RecordWork implements Work {

    private final Message<?> record;
    private final Context trace = Context.current();

    RecordWork(Message<?> record) {
        this.record = record;
    }

    @Override
    public final Ran run() {
        try (Scope scope = trace.makeCurrent()) {
            return runInTrace();
        }
    }

    @Override
    public final Ran runWhileUnreachable(String reason) {
        try (Scope scope = trace.makeCurrent()) {
            return runWhileUnreachableInTrace(reason);
        }
    }

    /** {@link #run()}, with the record's trace current. */
    abstract Ran runInTrace();

    /** {@link #runWhileUnreachable(String)}, with the record's trace current. */
    abstract Ran runWhileUnreachableInTrace(String reason);

    /** The record asked for nothing more. */
    final void acknowledge() {
        record.ack();
    }

    @Override
    public final void drop() {
        acknowledge();
    }

    @Override
    public final void fail(Throwable failure) {
        record.nack(failure);
    }
}
