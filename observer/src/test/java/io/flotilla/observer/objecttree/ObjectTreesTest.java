package io.flotilla.observer.objecttree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.flotilla.events.ObjectRef;

class ObjectTreesTest {

    static final ObjectRef WEB = new ObjectRef("apps/v1", "Deployment", "apps", "web");

    final ObjectTrees trees = new ObjectTrees();

    @Test
    void aDeploymentOwnsItsReplicaSetsWhichOwnTheirPodsEachWithItsHealth() {
        trees.seen("dev", deployment(2, 1));
        trees.seen("dev", replicaSet("web-new", "rs-new", 2, 1));
        trees.seen("dev", replicaSet("web-old", "rs-old", 0, 0));
        trees.seen("dev", runningPod("web-new-a", "rs-new"));
        trees.seen("dev", crashingPod("web-new-b", "rs-new"));

        ObjectNode web = trees.of("dev", List.of(WEB)).get(0);

        assertThat(web.health()).isEqualTo("Progressing");
        assertThat(web.reason()).isEqualTo("1 of 2 ready, 1 updated");
        assertThat(web.children()).extracting(node -> node.object().name(), ObjectNode::health)
                .containsExactly(tuple("web-new", "Progressing"), tuple("web-old", "Healthy"));
        assertThat(web.children().get(0).children())
                .extracting(node -> node.object().kind(), node -> node.object().name(), ObjectNode::health,
                        ObjectNode::reason)
                .containsExactly(tuple("Pod", "web-new-a", "Healthy", null),
                        tuple("Pod", "web-new-b", "Degraded", "container web: CrashLoopBackOff: back-off 5m0s"));
    }

    @Test
    void aPodDeletedLeavesItsOwnerAndAnObjectNotOnTheClusterIsMissing() {
        trees.seen("dev", deployment(1, 1));
        trees.seen("dev", replicaSet("web-new", "rs-new", 1, 1));
        Pod pod = runningPod("web-new-a", "rs-new");
        trees.seen("dev", pod);

        trees.gone("dev", pod);

        assertThat(trees.of("dev", List.of(WEB)).get(0).children().get(0).children()).isEmpty();
        trees.seen("prod", replicaSet("other", "rs-other", 1, 1));
        assertThat(trees.of("prod", List.of(WEB))).containsExactly(new ObjectNode(WEB, "Missing",
                "not on the cluster", List.of()));
    }

    @Test
    void anObjectOfAClusterNothingIsKnownOfIsUnknownRatherThanMissing() {
        assertThat(trees.of("eu-1", List.of(WEB))).containsExactly(new ObjectNode(WEB, "Unknown",
                "nothing is known of cluster eu-1 yet: it is not watched, or has not answered", List.of()));
    }

    @Test
    void aKindWhoseHealthIsNotWatchedShowsWithoutHealth() {
        ObjectRef config = new ObjectRef("v1", "ConfigMap", "apps", "web");

        assertThat(trees.of("dev", List.of(config))).containsExactly(new ObjectNode(config, null, null, List.of()));
    }

    @Test
    void aDeploymentPastItsProgressDeadlineIsDegradedWithTheReason() {
        Deployment stalled = new DeploymentBuilder(deployment(2, 0)).editStatus().addNewCondition()
                .withType("Progressing").withStatus("False").withReason("ProgressDeadlineExceeded")
                .withMessage("ReplicaSet \"web-new\" has timed out progressing.").endCondition().endStatus().build();
        trees.seen("dev", stalled);

        assertThat(trees.of("dev", List.of(WEB)).get(0)).extracting(ObjectNode::health, ObjectNode::reason)
                .containsExactly("Degraded",
                        "ProgressDeadlineExceeded: ReplicaSet \"web-new\" has timed out progressing.");
    }

    private static Deployment deployment(int replicas, int ready) {
        return new DeploymentBuilder().withNewMetadata().withNamespace("apps").withName("web").withUid("deploy-web")
                .endMetadata().withNewSpec().withReplicas(replicas).endSpec().withNewStatus()
                .withReadyReplicas(ready).withUpdatedReplicas(ready).endStatus().build();
    }

    private static ReplicaSet replicaSet(String name, String uid, int replicas, int ready) {
        return new ReplicaSetBuilder().withMetadata(owned(name, uid, "Deployment", "deploy-web")).withNewSpec()
                .withReplicas(replicas).endSpec().withNewStatus().withReplicas(replicas).withReadyReplicas(ready)
                .endStatus().build();
    }

    private static Pod runningPod(String name, String owner) {
        return new PodBuilder().withMetadata(owned(name, "pod-" + name, "ReplicaSet", owner)).withNewStatus()
                .withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build();
    }

    private static Pod crashingPod(String name, String owner) {
        return new PodBuilder().withMetadata(owned(name, "pod-" + name, "ReplicaSet", owner)).withNewStatus()
                .withPhase("Running").addNewContainerStatus().withName("web").withNewState().withNewWaiting()
                .withReason("CrashLoopBackOff").withMessage("back-off 5m0s").endWaiting().endState()
                .endContainerStatus().endStatus().build();
    }

    private static ObjectMeta owned(String name, String uid, String ownerKind,
            String ownerUid) {
        return new ObjectMetaBuilder().withNamespace("apps").withName(name)
                .withUid(uid).withOwnerReferences(new OwnerReferenceBuilder().withKind(ownerKind).withName("owner")
                        .withUid(ownerUid).withController(true).build()).build();
    }
}
