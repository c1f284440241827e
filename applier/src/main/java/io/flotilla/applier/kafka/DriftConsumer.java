package io.flotilla.applier.kafka;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.flotilla.applier.reconcile.DriftCorrections;
import io.flotilla.events.DriftFound;
import io.flotilla.events.EventCodec;

/** The drift topic: each {@code DriftFound} handed to {@link DriftCorrections}, acknowledged once answered. */
@ApplicationScoped
public class DriftConsumer {

    private final DriftCorrections corrections;

    @Inject
    public DriftConsumer(DriftCorrections corrections) {
        this.corrections = corrections;
    }

    @Incoming("drift")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> onDrift(Message<String> record) {
        DriftFound drift;
        try {
            drift = EventCodec.decode(record.getPayload(), DriftFound.class).payload();
        } catch (RuntimeException e) {
            return record.nack(e);
        }
        corrections.submit(drift, new KafkaDelivery(record));
        return CompletableFuture.completedFuture(null);
    }
}
