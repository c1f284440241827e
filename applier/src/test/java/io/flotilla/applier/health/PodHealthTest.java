package io.flotilla.applier.health;

import static io.flotilla.applier.health.LiveObject.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A Pod by its phase, its readiness and its restart policy. */
class PodHealthTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("pods")
    void aPodIsReadByPhaseReadinessAndRestartPolicy(String situation, String live, Health expected) {
        assertThat(LiveObject.health("v1", "Pod", live)).isEqualTo(expected);
    }

    static Stream<Arguments> pods() {
        return Stream.of(
                row("running and ready", """
                        {"status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}}""",
                        Health.HEALTHY),
                row("running, not ready", """
                        {"status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "False",
                          "reason": "ContainersNotReady", "message": "containers with unready status: [web]"}]}}""",
                        Health.progressing("Ready=False ContainersNotReady: containers with unready status: [web]")),
                row("running without a Ready condition", """
                        {"status": {"phase": "Running"}}""",
                        Health.progressing("running, no Ready condition yet")),
                row("run to completion and still running", """
                        {"spec": {"restartPolicy": "Never"},
                         "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}}""",
                        Health.progressing("running, not completed yet")),
                row("completed", """
                        {"spec": {"restartPolicy": "OnFailure"}, "status": {"phase": "Succeeded"}}""",
                        Health.HEALTHY),
                row("failed", """
                        {"spec": {"restartPolicy": "Never"},
                         "status": {"phase": "Failed", "reason": "Evicted", "message": "The node was low on memory."}}""",
                        Health.degraded("phase Failed Evicted: The node was low on memory.")),
                row("not scheduled", """
                        {"status": {"phase": "Pending", "conditions": [{"type": "PodScheduled", "status": "False",
                          "reason": "Unschedulable", "message": "0/3 nodes are available"}]}}""",
                        Health.progressing("phase Pending, PodScheduled=False Unschedulable: 0/3 nodes are available")),
                row("pulling its image", """
                        {"status": {"phase": "Pending", "containerStatuses": [{"name": "web",
                          "state": {"waiting": {"reason": "ContainerCreating"}}}]}}""",
                        Health.progressing("phase Pending")),
                row("its image cannot be pulled", """
                        {"status": {"phase": "Pending", "containerStatuses": [{"name": "web",
                          "state": {"waiting": {"reason": "ImagePullBackOff",
                            "message": "Back-off pulling image \\"web:nope\\""}}}]}}""",
                        Health.degraded("container web waiting ImagePullBackOff: Back-off pulling image \"web:nope\"")),
                row("an init container crashing in a loop", """
                        {"status": {"phase": "Pending", "initContainerStatuses": [{"name": "migrate",
                          "state": {"waiting": {"reason": "CrashLoopBackOff",
                            "message": "back-off 5m0s restarting failed container"}}}]}}""",
                        Health.degraded("container migrate waiting CrashLoopBackOff: back-off 5m0s restarting failed "
                                + "container")),
                row("crashing in a loop while running", """
                        {"status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "False"}],
                         "containerStatuses": [{"name": "web", "restartCount": 6,
                          "state": {"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 2m40s"}}}]}}""",
                        Health.degraded("container web waiting CrashLoopBackOff: back-off 2m40s")));
    }
}
