package io.flotilla.renderer.targeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flotilla.events.ClusterRef;

class ClusterVariablesTest {

    private static final ClusterRef EU_1 = new ClusterRef("eu-1",
            Map.of("env", "prod", "topology.kubernetes.io/region", "eu-west-1"));
    private final ClusterVariables variables = ClusterVariables.of(EU_1, "v1.31.2");

    @Test
    void substitutesTheClustersNameVersionAndLabels() {
        assertThat(variables.substitute("shop.${cluster_name}.example.com")).isEqualTo("shop.eu-1.example.com");
        assertThat(variables.substitute("${cluster_kubernetes_version}")).isEqualTo("v1.31.2");
        assertThat(variables.substitute("${cluster_label_env}/${cluster_label_topology_kubernetes_io_region}"))
                .isEqualTo("prod/eu-west-1");
    }

    @Test
    void givesTheDefaultForAVariableThatIsEmptyOrAMissingLabel() {
        assertThat(variables.substitute("${cluster_label_tier:=standard}")).isEqualTo("standard");
        assertThat(variables.substitute("${cluster_label_tier}")).isEmpty();
        assertThat(variables.substitute("${cluster_label_env:=dev}")).isEqualTo("prod");
        assertThat(ClusterVariables.of(EU_1, null).substitute("${cluster_kubernetes_version:=unknown}"))
                .isEqualTo("unknown");
        assertThat(ClusterVariables.of(EU_1, null).substitute("[${cluster_kubernetes_version}]")).isEqualTo("[]");
    }

    @Test
    void leavesEscapedVariablesAndOtherNamesAsTheyAre() {
        assertThat(variables.substitute("$${cluster_name} is ${cluster_name}")).isEqualTo("${cluster_name} is eu-1");
        assertThat(variables.substitute("${HOME} ${cluster} ${ cluster_name } {{ .Values.x }}"))
                .isEqualTo("${HOME} ${cluster} ${ cluster_name } {{ .Values.x }}");
    }

    @Test
    void substitutesInEveryStringOfATreeAndKeepsAnUntouchedTreeAsItIs() {
        Map<String, Object> values = Map.of(
                "ingress", Map.of("hosts", List.of("${cluster_name}.example.com", "static.example.com")),
                "replicas", 3,
                "${cluster_label_env}-only", true);

        assertThat(variables.substitute(values)).isEqualTo(Map.of(
                "ingress", Map.of("hosts", List.of("eu-1.example.com", "static.example.com")),
                "replicas", 3,
                "prod-only", true));
        Map<String, Object> plain = Map.of("replicas", 3, "image", Map.of("tag", "1.0.0"));
        assertThat(variables.substitute(plain)).isSameAs(plain);
    }
}
