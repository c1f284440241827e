package io.flotilla.applier.health;

import static io.flotilla.applier.health.LiveObject.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A HorizontalPodAutoscaler by its AbleToScale and ScalingActive conditions, in either API version. */
class HorizontalPodAutoscalerHealthTest {

    @ParameterizedTest(name = "v2: {0}")
    @MethodSource("autoscalersV2")
    void anAutoscalerV2IsReadFromItsStatusConditions(String situation, String live, Health expected) {
        assertThat(LiveObject.health("autoscaling/v2", "HorizontalPodAutoscaler", live)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "v1: {0}")
    @MethodSource("autoscalersV1")
    void anAutoscalerV1IsReadFromTheConditionsTheApiServerKeepsInAnAnnotation(String situation, String live,
            Health expected) {
        assertThat(LiveObject.health("autoscaling/v1", "HorizontalPodAutoscaler", live)).isEqualTo(expected);
    }

    static Stream<Arguments> autoscalersV2() {
        return Stream.of(
                row("scaling", """
                        {"status": {"currentReplicas": 2, "desiredReplicas": 2, "conditions": [
                          {"type": "AbleToScale", "status": "True", "reason": "ReadyForNewScale"},
                          {"type": "ScalingActive", "status": "True", "reason": "ValidMetricFound"},
                          {"type": "ScalingLimited", "status": "True", "reason": "TooFewReplicas"}]}}""",
                        Health.HEALTHY),
                row("not looked at yet", "{\"status\": {}}",
                        Health.progressing("the autoscaler has not computed a scale yet")),
                row("its metrics not served yet", """
                        {"status": {"conditions": [
                          {"type": "AbleToScale", "status": "True", "reason": "SucceededGetScale"},
                          {"type": "ScalingActive", "status": "False", "reason": "FailedGetResourceMetric",
                           "message": "unable to get metrics for resource cpu"}]}}""",
                        Health.progressing("ScalingActive=False FailedGetResourceMetric: unable to get metrics for "
                                + "resource cpu")),
                row("its target missing", """
                        {"status": {"conditions": [{"type": "AbleToScale", "status": "False",
                          "reason": "FailedGetScale", "message": "deployments/scale.apps \\"web\\" not found"}]}}""",
                        Health.degraded("AbleToScale=False FailedGetScale: deployments/scale.apps \"web\" not found")),
                row("its target scaled to zero", """
                        {"status": {"conditions": [
                          {"type": "AbleToScale", "status": "True", "reason": "SucceededGetScale"},
                          {"type": "ScalingActive", "status": "False", "reason": "ScalingDisabled",
                           "message": "scaling is disabled since the replica count of the target is zero"}]}}""",
                        Health.suspended("ScalingActive=False ScalingDisabled: scaling is disabled since the replica "
                                + "count of the target is zero")));
    }

    static Stream<Arguments> autoscalersV1() {
        return Stream.of(
                row("scaling", annotated("""
                        [{"type": "AbleToScale", "status": "True"}, {"type": "ScalingActive", "status": "True"}]""",
                        "{\"currentReplicas\": 1, \"desiredReplicas\": 1}"), Health.HEALTHY),
                row("its target missing", annotated("""
                        [{"type": "AbleToScale", "status": "False", "reason": "FailedGetScale",
                          "message": "not found"}]""", "{\"currentReplicas\": 0, \"desiredReplicas\": 0}"),
                        Health.degraded("AbleToScale=False FailedGetScale: not found")),
                row("its last change observed, without conditions", """
                        {"metadata": {"generation": 2},
                         "status": {"observedGeneration": 2, "currentReplicas": 1, "desiredReplicas": 1}}""",
                        Health.HEALTHY),
                row("not looked at yet", """
                        {"metadata": {"generation": 1}, "status": {"currentReplicas": 0, "desiredReplicas": 0}}""",
                        Health.progressing("the autoscaler has not computed a scale yet")));
    }

    /** An autoscaling/v1 object as the API server answers it: its conditions in an annotation, as a JSON string. */
    private static String annotated(String conditions, String status) {
        String escaped = conditions.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
        return "{\"metadata\": {\"annotations\": {\"autoscaling.alpha.kubernetes.io/conditions\": \"" + escaped
                + "\"}}, \"status\": " + status + "}";
    }
}
