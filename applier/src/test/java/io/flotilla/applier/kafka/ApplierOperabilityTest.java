package io.flotilla.applier.kafka;

import static io.flotilla.applier.Manifests.configMap;
import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.flotilla.applier.Renders;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.Topic;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The applier as operators watch it: one commit is one trace (its report on a release continues the trace of the
 * rendered release), and its metrics are served at {@code /q/metrics}.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(ClustersTestResource.class)
class ApplierOperabilityTest {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "flotilla.topic-prefix")
    String prefix;

    @Test
    void releaseAppliedCarriesTheTraceOfTheRenderedRelease() {
        ReleaseKey release = new ReleaseKey("dev", "traced", "web");
        Envelope<ReleaseRendered> rendered = Envelope.first("renderer", Renders.chart(release, "traced-1",
                List.of(configMap("web-settings", null, Map.of("mode", "traced")))));
        try (FlotillaTopics topics = new FlotillaTopics(bootstrapServers, prefix)) {
            topics.publishRecord(Topic.RENDERED, null, rendered.key(), EventCodec.encode(rendered),
                    Map.of("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-00"));

            ConsumerRecord<String, String> applied = await().atMost(Duration.ofSeconds(60)).until(
                    () -> topics.all(Topic.APPLIED).stream()
                            .filter(record -> EventCodec.decode(record.value()).correlationId()
                                    .equals(rendered.correlationId()))
                            .reduce((first, last) -> last).orElse(null),
                    record -> record != null);

            assertThat(FlotillaTopics.header(applied, "traceparent")).startsWith("00-" + TRACE_ID + "-");
        }
    }

    @Test
    void metricsOfTheServiceAndItsKafkaClientsAreServedForPrometheus() {
        String metrics = asAdmin().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).contains("# TYPE jvm_memory_used_bytes gauge", "kafka_consumer_");
    }
}
