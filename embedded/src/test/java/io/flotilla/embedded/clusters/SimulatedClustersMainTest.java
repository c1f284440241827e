package io.flotilla.embedded.clusters;

import static io.flotilla.embedded.clusters.ClusterFixture.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.flotilla.clusters.KubeconfigClusters;
import io.flotilla.embedded.launch.ChildJvm;
import io.flotilla.embedded.net.LocalPorts;
import io.flotilla.events.ClusterRef;

class SimulatedClustersMainTest {

    @TempDir
    Path tmp;

    @Test
    void startsTheClustersWritesTheirKubeconfigAndStopsOnSigterm() throws Exception {
        Path kubeconfig = tmp.resolve("flotilla/kubeconfig");
        try (ChildJvm process = ChildJvm.start(SimulatedClustersMain.class, tmp.resolve("stderr.log"),
                "--kubeconfig", kubeconfig.toString(),
                "--cluster", "dev:env=dev,region=eu", "--cluster", "prod:env=prod")) {
            assertThat(process.readLine()).isEqualTo("CLUSTERS READY " + kubeconfig.toAbsolutePath());

            assertThat(KubeconfigClusters.read(kubeconfig)).containsExactly(
                    new ClusterRef("dev", Map.of("env", "dev", "region", "eu")),
                    new ClusterRef("prod", Map.of("env", "prod")));
            Config config = Config.fromKubeconfig("prod", Files.readString(kubeconfig), kubeconfig.toString());
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
                client.resource(configMap("launched", Map.of("a", "1"))).fieldManager("flotilla").forceConflicts()
                        .serverSideApply();
                assertThat(client.configMaps().withName("launched").get().getData()).containsEntry("a", "1");
            }
            int port = Integer.parseInt(config.getMasterUrl().replaceAll(".*:(\\d+)/?$", "$1"));

            assertThat(process.terminate()).isEqualTo(143);
            assertThat(LocalPorts.isListening(port)).isFalse();
        }
    }

    @Test
    void aMistakeOnTheCommandLineStopsItWithWhatIsWrongAndTheUsage() throws Exception {
        Path stderr = tmp.resolve("mistake.log");
        try (ChildJvm process = ChildJvm.start(SimulatedClustersMain.class, stderr,
                "--cluster", "dev", "--cluster", "dev:env=dev")) {
            assertThat(process.readLine()).isNull();
            assertThat(process.terminate()).isEqualTo(2);
        }
        assertThat(Files.readString(stderr)).contains("--cluster dev is given twice",
                "usage: SimulatedClustersMain --kubeconfig FILE");
    }
}
