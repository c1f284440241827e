package io.flotilla.observer.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.flotilla.events.ClusterState;

class ClusterInventoryTest {

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));
    final ClusterInventory inventory = new ClusterInventory("dev", now::get);

    @Test
    void nodeConditionsVersionAndResourcesShow() {
        inventory.node(node("worker-1", "True", "False"));
        inventory.node(node("worker-2", "False", "True"));

        ClusterState state = inventory.state();
        assertThat(state.nodesReady()).isEqualTo(1);
        assertThat(state.nodesTotal()).isEqualTo(2);
        assertThat(state.nodes()).extracting(ClusterState.Node::name, ClusterState.Node::ready,
                ClusterState.Node::memoryPressure, ClusterState.Node::kubeletVersion)
                .containsExactly(tuple("worker-1", true, false, "v1.30.2"),
                        tuple("worker-2", false, true, "v1.30.2"));
        assertThat(state.nodes().get(0).capacity()).containsEntry("memory", "16Gi");
        assertThat(state.nodes().get(0).allocatable()).containsEntry("cpu", "3500m");
    }

    @Test
    void deletedNodeLeavesTheCount() {
        var node = node("worker-1", "True", "False");
        inventory.node(node);
        inventory.nodeGone(node);

        assertThat(inventory.state().nodesTotal()).isZero();
    }

    @Test
    void workloadIsReadyWhenEveryDesiredReplicaIsReadyAndAvailable() {
        inventory.deployment(new DeploymentBuilder().withNewMetadata().withNamespace("shop").withName("web").endMetadata()
                .withNewSpec().withReplicas(3).endSpec()
                .withNewStatus().withReadyReplicas(3).withAvailableReplicas(3).endStatus().build());
        inventory.daemonSet(new DaemonSetBuilder().withNewMetadata().withNamespace("kube-system").withName("agent").endMetadata()
                .withNewStatus().withDesiredNumberScheduled(2).withNumberReady(1).withNumberAvailable(1).endStatus().build());

        ClusterState state = inventory.state();
        assertThat(state.workloadsReady()).isEqualTo(1);
        assertThat(state.workloadsTotal()).isEqualTo(2);
        assertThat(state.workloads()).contains(new ClusterState.Workload("DaemonSet", "kube-system", "agent", 2, 1, 1));
    }

    @Test
    void everyScalingChangeIsKeptWithItsTime() {
        inventory.autoscaler(hpa(2, 2));
        now.set(now.get().plusSeconds(30));
        inventory.autoscaler(hpa(2, 5));
        now.set(now.get().plusSeconds(30));
        inventory.autoscaler(hpa(5, 5));

        ClusterState.Autoscaler autoscaler = inventory.state().autoscalers().get(0);
        assertThat(autoscaler.targetName()).isEqualTo("web");
        assertThat(autoscaler.currentReplicas()).isEqualTo(5);
        assertThat(autoscaler.scalings()).containsExactly(
                new ClusterState.Scaling(Instant.parse("2026-03-01T10:00:00Z"), 2),
                new ClusterState.Scaling(Instant.parse("2026-03-01T10:00:30Z"), 5));
    }

    @Test
    void podsInCrashLoopOrImagePullBackOffShowUntilTheyRecover() {
        inventory.pod(pod("web-1", "CrashLoopBackOff"));
        inventory.pod(pod("web-2", "ImagePullBackOff"));
        inventory.pod(pod("web-3", "ContainerCreating"));

        assertThat(inventory.state().stuckPods()).extracting(ClusterState.StuckPod::name, ClusterState.StuckPod::reason)
                .containsExactly(tuple("web-1", "CrashLoopBackOff"),
                        tuple("web-2", "ImagePullBackOff"));

        inventory.pod(new PodBuilder().withNewMetadata().withNamespace("shop").withName("web-1").endMetadata().build());
        assertThat(inventory.state().stuckPods()).extracting(ClusterState.StuckPod::name).containsExactly("web-2");
    }

    @Test
    void onlyWarningEventsShowNewestFirst() {
        inventory.event(event("e1", "Warning", "BackOff", "2026-03-01T09:00:00Z"));
        inventory.event(event("e2", "Normal", "Scheduled", "2026-03-01T09:30:00Z"));
        inventory.event(event("e3", "Warning", "FailedMount", "2026-03-01T09:45:00Z"));

        assertThat(inventory.state().warnings()).extracting(ClusterState.Warning::reason)
                .containsExactly("FailedMount", "BackOff");
    }

    @Test
    void aStateIsTakenOnlyAfterAChange() {
        inventory.node(node("worker-1", "True", "False"));
        assertThat(inventory.takeIfChanged()).isNotNull();
        inventory.node(node("worker-1", "True", "False"));
        assertThat(inventory.takeIfChanged()).isNull();
        inventory.node(node("worker-1", "False", "False"));
        assertThat(inventory.takeIfChanged().nodesReady()).isZero();
    }

    private static io.fabric8.kubernetes.api.model.Node node(String name, String ready, String memoryPressure) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus()
                .addNewCondition().withType("Ready").withStatus(ready).endCondition()
                .addNewCondition().withType("MemoryPressure").withStatus(memoryPressure).endCondition()
                .withNewNodeInfo().withKubeletVersion("v1.30.2").endNodeInfo()
                .addToCapacity("memory", new Quantity("16Gi")).addToAllocatable("cpu", new Quantity("3500m"))
                .endStatus().build();
    }

    private static HorizontalPodAutoscaler hpa(int current, int desired) {
        return new HorizontalPodAutoscalerBuilder().withNewMetadata().withNamespace("shop").withName("web").endMetadata()
                .withNewSpec().withNewScaleTargetRef().withKind("Deployment").withName("web").endScaleTargetRef()
                .withMaxReplicas(10).endSpec()
                .withNewStatus().withCurrentReplicas(current).withDesiredReplicas(desired).endStatus().build();
    }

    private static io.fabric8.kubernetes.api.model.Pod pod(String name, String waiting) {
        return new PodBuilder().withNewMetadata().withNamespace("shop").withName(name).endMetadata()
                .withNewStatus().addNewContainerStatus().withName("app").withNewState().withNewWaiting()
                .withReason(waiting).withMessage("back-off").endWaiting().endState().endContainerStatus().endStatus().build();
    }

    private static io.fabric8.kubernetes.api.model.Event event(String uid, String type, String reason, String at) {
        return new EventBuilder().withNewMetadata().withNamespace("shop").withName(uid).withUid(uid).endMetadata()
                .withType(type).withReason(reason).withMessage(reason).withLastTimestamp(at)
                .withNewInvolvedObject().withKind("Pod").withName("web-1").endInvolvedObject().build();
    }
}
