package io.flotilla.embedded.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/**
 * A workload's {@code scale} subresource as kubectl, an autoscaler and fabric8 use it: kubectl's own {@code scale}
 * (a patch of the subresource, which it reads back as an {@code autoscaling/v1 Scale}) succeeds and sets the
 * Deployment's replicas; a server dry run sets nothing.
 */
class ScaleSubresourceTest extends OnASimulatedCluster {

    @Test
    void kubectlScaleSetsTheReplicasAndReadsTheScaleBack() throws Exception {
        client.resource(deployment("scaled", 2)).create();

        String output = kubectl("scale", "deployment", "scaled", "--replicas=4");

        assertThat(output).isEqualTo("deployment.apps/scaled scaled");
        assertThat(client.apps().deployments().withName("scaled").get().getSpec().getReplicas()).isEqualTo(4);
        Map<?, ?> scale = new ObjectMapper().readValue(kubectl("get", "--raw",
                "/apis/apps/v1/namespaces/default/deployments/scaled/scale"), Map.class);
        assertThat(scale.get("apiVersion") + " " + scale.get("kind")).isEqualTo("autoscaling/v1 Scale");
        assertThat(scale.get("spec")).isEqualTo(Map.of("replicas", 4));
        assertThat(((Map<?, ?>) scale.get("status")).get("selector")).isEqualTo("app=scaled");
    }

    @Test
    void aServerDryRunOfAScaleSetsNothingAndFabric8ScalesToo() throws Exception {
        client.resource(deployment("dry-scaled", 2)).create();

        assertThat(kubectl("scale", "deployment", "dry-scaled", "--replicas=7", "--dry-run=server"))
                .isEqualTo("deployment.apps/dry-scaled scaled (server dry run)");
        assertThat(client.apps().deployments().withName("dry-scaled").get().getSpec().getReplicas()).isEqualTo(2);

        client.apps().deployments().withName("dry-scaled").scale(5);

        assertThat(client.apps().deployments().withName("dry-scaled").get().getSpec().getReplicas()).isEqualTo(5);
    }

    private static String kubectl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl", "--server", cluster.url(), "--namespace", "default"));
        command.addAll(List.of(args));
        Process kubectl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).as(output).isZero();
        return output;
    }

    private static Deployment deployment(String name, int replicas) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
                .addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec().endTemplate()
                .endSpec().build();
    }
}
