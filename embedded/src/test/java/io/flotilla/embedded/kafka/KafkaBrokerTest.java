package io.flotilla.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.embedded.kafka.KafkaBroker;
import io.flotilla.embedded.kafka.RecordRoundTrip;
import io.flotilla.embedded.net.LocalPorts;

class KafkaBrokerTest {

    @TempDir
    Path tmp;

    @Test
    void aRecordProducedIsConsumedByAGroup() throws Exception {
        String bootstrap = KafkaBroker.shared().bootstrapServers();

        RecordRoundTrip.produce(bootstrap, "flotilla.test.commits", "repo-1", "{\"sha\":\"a1b2c3\"}");

        List<ConsumerRecord<String, String>> records = RecordRoundTrip.consume(bootstrap, "flotilla.test.commits", 1);
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("repo-1");
            assertThat(record.value()).isEqualTo("{\"sha\":\"a1b2c3\"}");
        });
    }

    @Test
    void topicsCreatedOnFirstUseHaveThreePartitions() throws Exception {
        String bootstrap = KafkaBroker.shared().bootstrapServers();

        RecordRoundTrip.produce(bootstrap, "flotilla.test.auto", "k", "v");

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            var description = admin.describeTopics(List.of("flotilla.test.auto")).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get("flotilla.test.auto");
            assertThat(description.partitions()).hasSize(3);
        }
    }

    @Test
    void theSharedBrokerIsOnePerJvm() {
        assertThat(KafkaBroker.shared()).isSameAs(KafkaBroker.shared());
        assertThat(KafkaBroker.shared().bootstrapServers()).startsWith("127.0.0.1:");
    }

    @Test
    void aClosedBrokerFreesItsPortAndKeepsItsDataForTheNextStart() throws Exception {
        Path data = tmp.resolve("kafka");
        String bootstrap;
        try (KafkaBroker broker = KafkaBroker.start(data, 0)) {
            bootstrap = broker.bootstrapServers();
            RecordRoundTrip.produce(bootstrap, "kept", "k", "before restart");
        }
        int port = Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1));
        assertThat(LocalPorts.isListening(port)).isFalse();

        try (KafkaBroker again = KafkaBroker.start(data, port)) {
            assertThat(again.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(RecordRoundTrip.consume(bootstrap, "kept", 1)).extracting(ConsumerRecord::value).containsExactly("before restart");
        }
    }
}
