package io.flotilla.observer.inventory;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.embedded.clusters.SimulatedCluster;
import io.flotilla.embedded.clusters.SimulatedFleet;
import io.flotilla.testing.quarkus.FleetTestResource;

/**
 * Two simulated clusters for an observer that starts while one of them is down: {@code up} answers, {@code late}
 * holds a Deployment {@code web} and a ConfigMap {@code greeting} in {@code default} and accepts connections but
 * never answers until the test lets it (a cluster overloaded or cut off: requests time out).
 */
public class ClusterDownAtStartTestResource extends FleetTestResource {

    private static volatile SimulatedFleet fleet;

    @Override
    protected Map<String, Map<String, String>> clusters() {
        Map<String, Map<String, String>> clusters = new LinkedHashMap<>();
        clusters.put("up", Map.of("env", "dev"));
        clusters.put("late", Map.of("env", "prod"));
        return clusters;
    }

    @Override
    protected void started(SimulatedFleet running) {
        SimulatedCluster late = running.cluster("late");
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
        fleet = running;
    }

    @Override
    protected void stopped() {
        fleet = null;
    }

    static SimulatedFleet fleet() {
        return fleet;
    }
}
