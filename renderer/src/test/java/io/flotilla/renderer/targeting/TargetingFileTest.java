package io.flotilla.renderer.targeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TargetingFileTest {

    /** The example of the design, as a user would write it. */
    static final String EXAMPLE = """
            apiVersion: flotilla.io/v1
            kind: Targeting
            targets:
              - name: common
                paths: ["flux/common/**"]
                clusters:
                  names: [eu-1, eu-2]
                  matchLabels: {env: prod}
                  matchExpressions: [{key: region, operator: In, values: [eu, us]}]
                exclude: {names: [eu-9]}
                customizations:
                  - clusters: {matchLabels: {env: prod}}
                    values: {replicaCount: 3}
                rollout:
                  soak: 2m
                  waves:
                    - name: dev
                      clusters: {matchLabels: {env: dev}}
                    - name: prod
                      clusters: {matchLabels: {env: prod}}
                      batch: 25%
              - name: per-cluster
                paths: ["flux/cluster_{cluster}/**"]
            """;

    @Test
    void readsEveryFieldOfTheDocumentedExample() throws Exception {
        TargetingFile file = TargetingFile.parse(EXAMPLE);

        assertThat(file.entries()).extracting(TargetEntry::name).containsExactly("common", "per-cluster");
        TargetEntry common = file.entries().get(0);
        assertThat(common.line()).isEqualTo(4);
        assertThat(common.paths()).extracting(PathGlob::toString).containsExactly("flux/common/**");
        assertThat(common.clusters()).isEqualTo(new ClusterSelector(List.of("eu-1", "eu-2"), Map.of("env", "prod"),
                List.of(new LabelExpression("region", LabelExpression.Operator.In, List.of("eu", "us")))));
        assertThat(common.exclude()).isEqualTo(new ClusterSelector(List.of("eu-9"), Map.of(), List.of()));
        assertThat(common.customizations()).containsExactly(new Customization(
                new ClusterSelector(null, Map.of("env", "prod"), List.of()), Map.of("replicaCount", 3)));
        assertThat(common.rollout().soak()).isEqualTo(Duration.ofMinutes(2));
        assertThat(common.rollout().waves()).containsExactly(
                new Wave("dev", new ClusterSelector(null, Map.of("env", "dev"), List.of()), null),
                new Wave("prod", new ClusterSelector(null, Map.of("env", "prod"), List.of()), new WaveBatch(25, true)));
        TargetEntry perCluster = file.entries().get(1);
        assertThat(perCluster.clusters().saysNothing()).isTrue();
        assertThat(perCluster.exclude().saysNothing()).isTrue();
        assertThat(perCluster.customizations()).isEmpty();
        assertThat(perCluster.rollout()).isNull();
    }

    @Test
    void readsSoakTimesAsGoWritesThem() throws Exception {
        assertThat(soakOf("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(soakOf("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(soakOf("1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(soakOf("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void refusesAnOperatorKubernetesDoesNotKnowNamingItsLine() {
        assertThatThrownBy(() -> TargetingFile.parse(EXAMPLE.replace("operator: In", "operator: Within")))
                .isInstanceOf(InvalidTargetingException.class)
                .hasMessage("flotilla.yaml: line 9: targets[0].clusters.matchExpressions[0].operator: 'Within' is"
                        + " not an operator of a label selector; use In, NotIn, Exists or DoesNotExist")
                .satisfies(e -> assertThat(((InvalidTargetingException) e).line()).isEqualTo(9));
    }

    @Test
    void refusesAnExpressionWhoseValuesDoNotFitItsOperator() {
        assertFails("""
                apiVersion: flotilla.io/v1
                kind: Targeting
                targets:
                  - name: a
                    paths: ["a/**"]
                    clusters:
                      matchExpressions:
                        - {key: region, operator: In}
                """, "flotilla.yaml: line 8: targets[0].clusters.matchExpressions[0]: operator In needs at least one"
                + " value in values");
        assertFails("""
                apiVersion: flotilla.io/v1
                kind: Targeting
                targets:
                  - name: a
                    paths: ["a/**"]
                    clusters:
                      matchExpressions:
                        - key: region
                          operator: Exists
                          values: [eu]
                """, "flotilla.yaml: line 10: targets[0].clusters.matchExpressions[0]: operator Exists takes no values");
    }

    @Test
    void refusesAnUnknownFieldSoThatATypoSendsNothingAstray() {
        assertFails(EXAMPLE.replaceFirst("matchLabels", "matchLabel"),
                "flotilla.yaml: line 8: targets[0].clusters: unknown field 'matchLabel'; the fields are matchExpressions,"
                        + " matchLabels, names");
    }

    @Test
    void refusesTextThatIsNotYamlWithTheLineTheParserStoppedAt() {
        assertThatThrownBy(() -> TargetingFile.parse("""
                apiVersion: flotilla.io/v1
                kind: Targeting
                targets:
                  - name: a
                    paths: ["a/**"
                  - name: b
                """)).isInstanceOf(InvalidTargetingException.class)
                .hasMessage("flotilla.yaml: line 6: not valid YAML: while parsing a flow sequence, expected ',' or ']',"
                        + " but got -");
    }

    @Test
    void refusesWhatTheFormatDoesNotAllowNamingTheLineAndTheField() {
        assertFails("kind: Targeting\ntargets: []\n", "flotilla.yaml: line 1: apiVersion is required");
        assertFails("apiVersion: flotilla.io/v2\nkind: Targeting\n",
                "flotilla.yaml: line 1: apiVersion: 'flotilla.io/v2' is not known; use flotilla.io/v1");
        assertFails("", "flotilla.yaml: line 1: the file is empty; it needs apiVersion flotilla.io/v1, kind Targeting"
                + " and targets");
        String header = "apiVersion: flotilla.io/v1\nkind: Targeting\ntargets:\n";
        assertFails(header + "  - paths: [a]\n", "flotilla.yaml: line 4: targets[0].name is required");
        assertFails(header + "  - name: a\n", "flotilla.yaml: line 4: targets[0].paths is required: the globs of the"
                + " files whose releases this entry targets");
        assertFails(header + "  - {name: a, paths: [a]}\n  - {name: a, paths: [b]}\n",
                "flotilla.yaml: line 5: targets[1].name: 'a' names another entry already; each entry needs a name of"
                        + " its own");
        assertFails(header + "  - name: a\n    paths: [/etc/**]\n", "flotilla.yaml: line 5: targets[0].paths[0]: path"
                + " '/etc/**' must be relative to the repository root, with no empty segment (no leading, trailing or"
                + " double '/')");
        assertFails(header + "  - name: a\n    paths: [a]\n    name: b\n",
                "flotilla.yaml: line 6: key 'name' is given twice");
        assertFails(header + "  - name: a\n    paths: [a]\n    clusters: {matchLabels: {env: pr od}}\n",
                "flotilla.yaml: line 6: targets[0].clusters.matchLabels: label env=pr od is not valid: a value is at"
                        + " most 63 characters, letters, digits, '-', '_' and '.', starting and ending with a letter or"
                        + " digit");
        assertFails(header + "  - name: a\n    paths: [a]\n    rollout:\n      soak: two minutes\n      waves: [{name: x}]\n",
                "flotilla.yaml: line 7: targets[0].rollout.soak: 'two minutes' is not a duration such as 30s, 5m or"
                        + " 1h30m");
        assertFails(header + "  - name: a\n    paths: [a]\n    rollout:\n      waves:\n        - {name: x, batch: 0}\n",
                "flotilla.yaml: line 8: targets[0].rollout.waves[0].batch: '0' is neither a count of clusters (such"
                        + " as 2) nor a percentage (such as 25%)");
        assertFails(header + "  - name: a\n    paths: [a]\n    customizations:\n      - clusters: {names: [x]}\n",
                "flotilla.yaml: line 7: targets[0].customizations[0].values is required: the values merged over the"
                        + " release's on the clusters selected");
    }

    private static Duration soakOf(String soak) throws InvalidTargetingException {
        return TargetingFile.parse("""
                apiVersion: flotilla.io/v1
                kind: Targeting
                targets:
                  - name: a
                    paths: ["a/**"]
                    rollout: {soak: "%s", waves: [{name: all}]}
                """.formatted(soak)).entries().get(0).rollout().soak();
    }

    private static void assertFails(String text, String message) {
        assertThatThrownBy(() -> TargetingFile.parse(text)).isInstanceOf(InvalidTargetingException.class)
                .hasMessage(message);
    }
}
