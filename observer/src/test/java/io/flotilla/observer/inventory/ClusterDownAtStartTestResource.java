package io.flotilla.observer.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.testing.clusters.SimulatedCluster;
import io.flotilla.testing.clusters.SimulatedFleet;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Two simulated clusters for an observer that starts while one of them is down: {@code up} answers, {@code late}
 * holds a Deployment {@code web} and a ConfigMap {@code greeting} in {@code default} and accepts connections but
 * never answers until the test lets it (a cluster overloaded or cut off: requests time out).
 */
public class ClusterDownAtStartTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile SimulatedFleet fleet;
    private Path kubeconfig;

    @Override
    public Map<String, String> start() {
        Map<String, Map<String, String>> clusters = new LinkedHashMap<>();
        clusters.put("up", Map.of("env", "dev"));
        clusters.put("late", Map.of("env", "prod"));
        fleet = SimulatedFleet.start(clusters);
        SimulatedCluster late = fleet.cluster("late");
        KubernetesClient client = late.client();
        client.apps().deployments().inNamespace("default").resource(new DeploymentBuilder()
                .withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata().withNewSpec()
                .addNewContainer().withName("web").withImage("nginx").endContainer().endSpec().endTemplate()
                .endSpec().build()).create();
        client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("greeting").endMetadata().addToData("greeting", "hello").build())
                .fieldManager("flotilla").forceConflicts().serverSideApply();
        late.hang();
        try {
            kubeconfig = Files.createTempFile("flotilla-kubeconfig-", ".yaml");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a kubeconfig file", e);
        }
        fleet.writeKubeconfig(kubeconfig);
        return Map.of("flotilla.clusters.kubeconfig", kubeconfig.toString());
    }

    @Override
    public void stop() {
        if (fleet != null) {
            fleet.close();
            fleet = null;
        }
        if (kubeconfig != null) {
            kubeconfig.toFile().delete();
        }
    }

    static SimulatedFleet fleet() {
        return fleet;
    }
}
