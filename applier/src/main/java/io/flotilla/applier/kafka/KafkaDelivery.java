package io.flotilla.applier.kafka;

import java.util.function.Supplier;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.flotilla.applier.queue.Delivery;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/** A Kafka record as a {@link Delivery}: acked, nacked to the dead-letter topic, and the trace it came in. */
final class KafkaDelivery implements Delivery {

    private final Message<?> record;
    private final Context trace = Context.current();

    KafkaDelivery(Message<?> record) {
        this.record = record;
    }

    @Override
    public void acknowledge() {
        record.ack();
    }

    @Override
    public void fail(Throwable failure) {
        record.nack(failure);
    }

    @Override
    public <T> T inTrace(Supplier<T> work) {
        try (Scope scope = trace.makeCurrent()) {
            return work.get();
        }
    }
}
