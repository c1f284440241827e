package io.flotilla.bench.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import io.flotilla.launcher.stack.StackException;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.Topic;

/** The rendered topic, written as the renderer writes it: an encoded envelope keyed by its release. */
public final class RenderedTopic implements AutoCloseable {

    private final String topic;
    private final KafkaProducer<String, String> producer;

    public RenderedTopic(String bootstrapServers, String prefix) {
        this.topic = Topic.RENDERED.nameWith(prefix);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    /** Sends every rendering and waits until Kafka has them all: the envelopes sent, to send again. */
    public List<Envelope<ReleaseRendered>> publish(List<ReleaseRendered> renderings) {
        List<Envelope<ReleaseRendered>> envelopes = renderings.stream()
                .map(rendered -> Envelope.first("renderer", rendered)).toList();
        publishAgain(envelopes);
        return envelopes;
    }

    /** Sends the very same envelopes again, as a replay of the topic would deliver them. */
    public void publishAgain(List<Envelope<ReleaseRendered>> envelopes) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Envelope<ReleaseRendered> envelope : envelopes) {
            sent.add(producer.send(new ProducerRecord<>(topic, envelope.key(), EventCodec.encode(envelope))));
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> future : sent) {
                future.get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new StackException("cannot publish to " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
