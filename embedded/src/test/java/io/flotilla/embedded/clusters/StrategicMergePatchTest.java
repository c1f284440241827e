package io.flotilla.embedded.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/**
 * Strategic merge patches as kubectl sends them: lists with a patch merge key merge item by item, so
 * {@code kubectl set image} changes only the image, and no directive ({@code $setElementOrder/...}) is stored; a
 * merge patch ({@code --type merge}) still replaces lists.
 */
class StrategicMergePatchTest extends OnASimulatedCluster {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void kubectlSetImageChangesOnlyTheImage() throws Exception {
        client.resource(deployment("hello")).create();

        assertThat(kubectl("set", "image", "deployment/hello", "*=nginx:by-hand"))
                .isEqualTo("deployment.apps/hello image updated");

        String stored = kubectl("get", "deployment", "hello", "-o", "json");
        assertThat(stored).doesNotContain("$setElementOrder").doesNotContain("$patch");
        JsonNode containers = JSON.readTree(stored).at("/spec/template/spec/containers");
        assertThat(containers).hasSize(1);
        JsonNode container = containers.get(0);
        assertThat(container.path("image").asText()).isEqualTo("nginx:by-hand");
        assertThat(names(container.path("env"), "name")).containsExactly("GREETING", "PORT");
        assertThat(names(container.path("ports"), "containerPort")).containsExactly("8080", "9090");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/ready");
    }

    @Test
    void aPatchAddsAnEnvVariableByNameAndDeletesOnePortWithThePatchDirective() throws Exception {
        client.resource(deployment("patched")).create();

        kubectl("patch", "deployment", "patched", "--type", "strategic", "-p", """
                {"spec":{"template":{"spec":{"containers":[{"name":"hello",
                  "env":[{"name":"EXTRA","value":"yes"},{"name":"GREETING","value":"hi"}],
                  "ports":[{"containerPort":9090,"$patch":"delete"}]}]}}}}""");

        JsonNode container = JSON.readTree(kubectl("get", "deployment", "patched", "-o", "json"))
                .at("/spec/template/spec/containers/0");
        assertThat(names(container.path("env"), "name")).containsExactly("GREETING", "PORT", "EXTRA");
        assertThat(container.at("/env/0/value").asText()).isEqualTo("hi");
        assertThat(container.at("/env/1/value").asText()).isEqualTo("8080");
        assertThat(names(container.path("ports"), "containerPort")).containsExactly("8080");
        assertThat(container.path("image").asText()).isEqualTo("nginx:1.27");
    }

    @Test
    void aServicesPortsMergeByPort() throws Exception {
        client.resource(new ServiceBuilder().withNewMetadata().withName("web").withNamespace("default").endMetadata()
                .withNewSpec().addToSelector("app", "web")
                .addNewPort().withName("http").withPort(80).endPort()
                .addNewPort().withName("https").withPort(443).endPort().endSpec().build()).create();

        kubectl("patch", "service", "web", "--type", "strategic", "-p",
                "{\"spec\":{\"ports\":[{\"port\":443,\"nodePort\":30443}]}}");

        JsonNode ports = JSON.readTree(kubectl("get", "service", "web", "-o", "json")).at("/spec/ports");
        assertThat(names(ports, "name")).containsExactly("http", "https");
        assertThat(ports.get(1).path("nodePort").asInt()).isEqualTo(30443);
    }

    @Test
    void theElementOrderFinalizersAndRetainedKeysAreHonouredAndNeverStored() throws Exception {
        client.resource(deployment("ordered")).create();

        kubectl("patch", "deployment", "ordered", "--type", "strategic", "-p", """
                {"metadata":{"finalizers":["example.com/b","example.com/a"]},
                 "spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"},
                  "template":{"spec":{"containers":[{"name":"hello",
                   "$setElementOrder/env":[{"name":"PORT"},{"name":"GREETING"}]}]}}}}""");
        kubectl("patch", "deployment", "ordered", "--type", "strategic", "-p", """
                {"metadata":{"finalizers":["example.com/a","example.com/c"],
                 "$deleteFromPrimitiveList/finalizers":["example.com/b"]}}""");

        String stored = kubectl("get", "deployment", "ordered", "-o", "json");
        assertThat(stored).doesNotContain("$setElementOrder").doesNotContain("$retainKeys")
                .doesNotContain("$deleteFromPrimitiveList");
        JsonNode deployment = JSON.readTree(stored);
        assertThat(names(deployment.at("/metadata/finalizers"), null)).containsExactly("example.com/a",
                "example.com/c");
        assertThat(deployment.at("/spec/strategy").toString()).isEqualTo("{\"type\":\"Recreate\"}");
        assertThat(names(deployment.at("/spec/template/spec/containers/0/env"), "name"))
                .containsExactly("PORT", "GREETING");
    }

    @Test
    void kubectlApplyAgainRemovesWhatTheManifestNoLongerHasAndKeepsTheRest() throws Exception {
        kubectlWithInput(manifest("applied", "A", "B"), "apply", "-f", "-");
        kubectl("set", "image", "deployment/applied", "*=nginx:by-hand");

        kubectlWithInput(manifest("applied", "A", "C"), "apply", "-f", "-");

        JsonNode container = JSON.readTree(kubectl("get", "deployment", "applied", "-o", "json"))
                .at("/spec/template/spec/containers/0");
        assertThat(names(container.path("env"), "name")).containsExactly("A", "C");
        assertThat(container.path("image").asText()).isEqualTo("nginx:1.27");
        assertThat(names(container.path("ports"), "containerPort")).containsExactly("8080");
    }

    @Test
    void aMergePatchStillReplacesLists() throws Exception {
        client.resource(deployment("merged")).create();

        kubectl("patch", "deployment", "merged", "--type", "merge", "-p",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"other\",\"image\":\"busybox\"}]}}}}");

        JsonNode containers = JSON.readTree(kubectl("get", "deployment", "merged", "-o", "json"))
                .at("/spec/template/spec/containers");
        assertThat(containers).hasSize(1);
        assertThat(containers.get(0)).isEqualTo(JSON.readTree("{\"name\":\"other\",\"image\":\"busybox\"}"));
    }

    private static List<String> names(JsonNode list, String key) {
        List<String> names = new ArrayList<>();
        list.forEach(item -> names.add(key == null ? item.asText() : item.path(key).asText()));
        return names;
    }

    private static String manifest(String name, String... env) {
        StringBuilder variables = new StringBuilder();
        for (String variable : env) {
            variables.append("        - name: ").append(variable).append("\n          value: \"1\"\n");
        }
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                  namespace: default
                spec:
                  selector:
                    matchLabels: {app: %s}
                  template:
                    metadata:
                      labels: {app: %s}
                    spec:
                      containers:
                      - name: web
                        image: nginx:1.27
                        ports:
                        - containerPort: 8080
                        env:
                %s""".formatted(name, name, name, variables);
    }

    private static Deployment deployment(String name) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
                .addNewContainer().withName("hello").withImage("nginx:1.27")
                .addNewEnv().withName("GREETING").withValue("hello").endEnv()
                .addNewEnv().withName("PORT").withValue("8080").endEnv()
                .addNewPort().withName("http").withContainerPort(8080).endPort()
                .addNewPort().withName("metrics").withContainerPort(9090).endPort()
                .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withNewPort(8080).endHttpGet()
                .endReadinessProbe()
                .endContainer().endSpec().endTemplate().endSpec().build();
    }

    private static String kubectl(String... args) throws Exception {
        return kubectlWithInput(null, args);
    }

    private static String kubectlWithInput(String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl", "--server", cluster.url(), "--namespace", "default"));
        command.addAll(List.of(args));
        Process kubectl = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var input = kubectl.getOutputStream()) {
            if (stdin != null) {
                input.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).as(output).isZero();
        return output;
    }
}
