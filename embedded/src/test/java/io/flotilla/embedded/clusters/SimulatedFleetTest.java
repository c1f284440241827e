package io.flotilla.embedded.clusters;

import static io.flotilla.embedded.clusters.ClusterFixture.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.flotilla.clusters.KubeconfigClusters;
import io.flotilla.embedded.net.LocalPorts;
import io.flotilla.events.ClusterRef;

class SimulatedFleetTest {

    @TempDir
    Path tmp;

    @Test
    void theKubeconfigRegistersEveryClusterWithItsLabelsInOrder() {
        Map<String, Map<String, String>> wanted = new LinkedHashMap<>();
        wanted.put("prod-eu", Map.of("env", "prod", "region", "eu"));
        wanted.put("dev", Map.of("env", "dev"));
        wanted.put("bare", Map.of());
        try (SimulatedFleet fleet = SimulatedFleet.start(wanted)) {
            Path kubeconfig = fleet.writeKubeconfig(tmp.resolve("conf/kubeconfig"));

            assertThat(KubeconfigClusters.read(kubeconfig)).containsExactly(
                    new ClusterRef("prod-eu", Map.of("env", "prod", "region", "eu")),
                    new ClusterRef("dev", Map.of("env", "dev")),
                    new ClusterRef("bare", Map.of()));
            assertThat(fleet.clusters()).extracting(SimulatedCluster::name).containsExactly("prod-eu", "dev", "bare");
        }
    }

    @Test
    void aClientMadeFromEachContextReachesItsOwnCluster() throws Exception {
        try (SimulatedFleet fleet = SimulatedFleet.start(Map.of("dev", Map.of("env", "dev"),
                "prod", Map.of("env", "prod")))) {
            Path kubeconfig = fleet.writeKubeconfig(tmp.resolve("kubeconfig"));
            String content = Files.readString(kubeconfig);

            for (String context : List.of("dev", "prod")) {
                Config config = Config.fromKubeconfig(context, content, kubeconfig.toString());
                try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
                    client.resource(configMap("from-" + context, Map.of())).fieldManager("flotilla")
                            .forceConflicts().serverSideApply();
                }
            }

            assertThat(fleet.cluster("dev").client().configMaps().list().getItems())
                    .extracting(cm -> cm.getMetadata().getName()).containsExactly("from-dev");
            assertThat(fleet.cluster("prod").client().configMaps().list().getItems())
                    .extracting(cm -> cm.getMetadata().getName()).containsExactly("from-prod");
        }
    }

    @Test
    void closingTheFleetStopsEveryCluster() {
        SimulatedFleet fleet = SimulatedFleet.start(Map.of("a", Map.of(), "b", Map.of()));
        List<Integer> ports = fleet.clusters().stream().map(c -> port(c.url())).toList();

        fleet.close();

        assertThat(ports).noneMatch(LocalPorts::isListening);
    }

    @Test
    void askingForAClusterThatIsNotThereNamesThoseThatAre() {
        try (SimulatedFleet fleet = SimulatedFleet.start(Map.of("dev", Map.of()))) {
            assertThatThrownBy(() -> fleet.cluster("prod")).hasMessageContaining("prod").hasMessageContaining("[dev]");
        }
    }

    @Test
    void aPortBaseGivesEachClusterTheNextPort() {
        int base = twoFreePortsInARow();
        Map<String, Map<String, String>> wanted = new LinkedHashMap<>();
        wanted.put("one", Map.of());
        wanted.put("two", Map.of());
        try (SimulatedFleet fleet = SimulatedFleet.start(wanted, base)) {
            assertThat(fleet.clusters()).extracting(c -> port(c.url())).containsExactly(base, base + 1);
        }
    }

    private static int twoFreePortsInARow() {
        int base = LocalPorts.free();
        while (LocalPorts.isListening(base + 1)) {
            base = LocalPorts.free();
        }
        return base;
    }

    private static int port(String url) {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }
}
