package io.flotilla.bench.observer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.launcher.stack.StackException;
import io.flotilla.events.DriftFound;
import io.flotilla.events.EventCodec;
import io.flotilla.events.Topic;

/**
 * Changes a release's ConfigMap behind Flotilla's back, as someone with kubectl would, and times how long until
 * the observer's {@code DriftFound} naming the changed field is on the drift topic; then puts the value back.
 */
final class DriftProbe implements AutoCloseable {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private final KafkaConsumer<String, String> consumer;

    DriftProbe(String bootstrap, String prefix) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        String topic = Topic.DRIFT.nameWith(prefix);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** @return milliseconds from the change to the DriftFound read from the topic */
    long time(KubernetesClient cluster, BenchRelease release, int attempt) {
        String changed = "changed out of band " + attempt;
        long start = System.nanoTime();
        cluster.configMaps().inNamespace(BenchRelease.NAMESPACE).withName(release.name())
                .edit(map -> { map.getData().put("message", changed); return map; });
        long deadline = start + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
                if (release.key().toString().equals(record.key()) && namesTheChange(record.value())) {
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    cluster.configMaps().inNamespace(BenchRelease.NAMESPACE).withName(release.name())
                            .edit(map -> { map.getData().put("message", "Hello from " + release.name()); return map; });
                    return millis;
                }
            }
        }
        throw new StackException("no DriftFound for " + release.key() + " within " + LIMIT.toSeconds()
                + " s of changing its ConfigMap");
    }

    private static boolean namesTheChange(String value) {
        DriftFound drift = EventCodec.decode(value, DriftFound.class).payload();
        return drift.objects().stream().anyMatch(object -> object.object().kind().equals("ConfigMap")
                && object.fields().contains("/data/message"));
    }

    @Override
    public void close() {
        consumer.close();
    }
}
