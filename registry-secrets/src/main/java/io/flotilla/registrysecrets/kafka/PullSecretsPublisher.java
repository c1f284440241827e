package io.flotilla.registrysecrets.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.PullSecretsSynced;
import io.flotilla.registrysecrets.cluster.CoverageTopic;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * The pullsecrets topic out: a cluster's {@link PullSecretsSynced}, keyed by the cluster, on a compacted topic, so
 * the latest of each cluster is what a reader finds. Digests only: the event has no field for a value.
 */
@ApplicationScoped
public class PullSecretsPublisher implements CoverageTopic {

    static final String SOURCE = "registry-secrets";

    private final MutinyEmitter<String> pullSecrets;

    public PullSecretsPublisher(@Channel("pullsecrets") MutinyEmitter<String> pullSecrets) {
        this.pullSecrets = pullSecrets;
    }

    @Override
    public void publish(PullSecretsSynced synced) {
        Envelope<PullSecretsSynced> envelope = Envelope.first(SOURCE, synced);
        pullSecrets.sendMessageAndAwait(Message.of(EventCodec.encode(envelope))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(envelope.key()).build()));
    }
}
