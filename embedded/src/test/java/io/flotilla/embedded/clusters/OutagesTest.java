package io.flotilla.embedded.clusters;

import static io.flotilla.embedded.clusters.ClusterFixture.configMap;
import static io.flotilla.embedded.clusters.ClusterFixture.namespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flotilla.embedded.net.LocalPorts;

/** A cluster that stops answering or hangs and comes back, and a namespace that stays Terminating. */
class OutagesTest {

    @Test
    void aClusterThatStopsAnsweringRefusesConnectionsAndComesBackWithWhatItStored() {
        try (SimulatedCluster cluster = SimulatedCluster.start("flaky", Map.of())) {
            cluster.client().resource(configMap("kept", Map.of("a", "1"))).create();
            int port = URI.create(cluster.url()).getPort();

            cluster.stopAnswering();
            assertThat(LocalPorts.isListening(port)).isFalse();

            cluster.answerAgain();
            assertThat(LocalPorts.isListening(port)).isTrue();
            ConfigMap kept = cluster.client().configMaps().inNamespace("default").withName("kept").get();
            assertThat(kept.getData()).containsEntry("a", "1");
        }
    }

    @Test
    void aHangingClusterAcceptsConnectionsButNeverAnswersAndComesBackWithWhatItStored() {
        try (SimulatedCluster cluster = SimulatedCluster.start("slow", Map.of())) {
            cluster.client().resource(configMap("kept", Map.of("a", "1"))).create();
            int port = URI.create(cluster.url()).getPort();
            Config impatient = new ConfigBuilder(Config.empty()).withMasterUrl(cluster.url()).withRequestTimeout(500)
                    .withRequestRetryBackoffLimit(0).build();

            cluster.hang();
            assertThat(LocalPorts.isListening(port)).isTrue();
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(impatient).build()) {
                assertThatThrownBy(() -> client.configMaps().inNamespace("default").withName("kept").get())
                        .isInstanceOf(KubernetesClientException.class);
            }

            cluster.answerAgain();
            ConfigMap kept = cluster.client().configMaps().inNamespace("default").withName("kept").get();
            assertThat(kept.getData()).containsEntry("a", "1");
        }
    }

    @Test
    void nothingNewCanBeCreatedInATerminatingNamespaceAsTheApiServerSays() {
        try (SimulatedCluster cluster = SimulatedCluster.start("ending", Map.of())) {
            cluster.client().resource(namespace("leaving")).create();
            ConfigMap before = configMap("before", Map.of());
            before.getMetadata().setNamespace("leaving");
            cluster.client().resource(before).create();

            cluster.terminateNamespace("leaving");

            assertThat(cluster.client().namespaces().withName("leaving").get().getStatus().getPhase())
                    .isEqualTo("Terminating");
            ConfigMap after = configMap("after", Map.of());
            after.getMetadata().setNamespace("leaving");
            assertThatThrownBy(() -> cluster.client().resource(after).fieldManager("flotilla").serverSideApply())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(403);
                        assertThat(e.getStatus().getMessage()).isEqualTo(
                                "unable to create new content in namespace leaving because it is being terminated");
                    });
            assertThat(cluster.client().configMaps().inNamespace("leaving").withName("before").get()).isNotNull();
        }
    }
}
