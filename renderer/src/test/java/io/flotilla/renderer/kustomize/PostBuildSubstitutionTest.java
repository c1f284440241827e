package io.flotilla.renderer.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Flux's post-build substitution, as its documentation writes the forms it reads. */
class PostBuildSubstitutionTest {

    private final PostBuildSubstitution substitution = new PostBuildSubstitution(
            Map.of("region", "eu-west-1", "empty", ""), name -> name.equals("cluster_name"));

    @Test
    void substitutesDefinedVariablesAndDefaultsAndEmptiesTheUndefinedOnes() {
        assertThat(substitution.substitute("${region} ${empty:=fallback} ${empty=kept-empty} ${missing:-x} ${missing}."))
                .isEqualTo("eu-west-1 fallback  x .");
    }

    @Test
    void leavesEscapedAndUnbracedVariablesAndThoseOfALaterStage() {
        assertThat(substitution.substitute("$${region} $region ${cluster_name} ${cluster_name:=here}"))
                .isEqualTo("${region} $region ${cluster_name} ${cluster_name:=here}");
    }

    @Test
    void refusesAFormItDoesNotReadNamingTheObject() {
        Map<String, Object> object = Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "settings"), "data", Map.of("zone", "${region:0:2}"));

        assertThatThrownBy(() -> substitution.apply(List.of(object))).isInstanceOf(KustomizeException.class)
                .hasMessage("ConfigMap settings: '${region:0:2}' is not a substitution Flotilla reads: use ${name} or"
                        + " ${name:=default}");
    }

    @Test
    void readsTheSubstitutedTextAsYamlAgainSoNumbersBecomeNumbers() throws KustomizeException {
        PostBuildSubstitution replicas = new PostBuildSubstitution(Map.of("replicas", "3"), name -> false);
        Map<String, Object> deployment = Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", "web"), "spec", Map.of("replicas", "${replicas}"));

        assertThat(replicas.apply(List.of(deployment))).singleElement()
                .satisfies(object -> assertThat(((Map<?, ?>) object.get("spec")).get("replicas")).isEqualTo(3));
    }
}
