package io.flotilla.observer.objecttree;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ReleaseKey;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/**
 * An open release page hears when its tree changed, once per interval however many objects changed, and not when
 * only other releases' objects did. The test ticks the followers itself.
 */
class TreeFollowersTest {

    static final ReleaseKey WEB = new ReleaseKey("dev", "apps", "web");
    static final ReleaseKey API = new ReleaseKey("dev", "apps", "api");

    final ObjectTrees trees = new ObjectTrees();
    final TreeFollowers followers = new TreeFollowers(trees, Duration.ofHours(1));

    @Test
    void aPodGoneOrUnreadyIsToldOnceAndOnlyToItsRelease() {
        trees.seen("dev", deployment("web"));
        trees.seen("dev", deployment("api"));
        Pod webPod = pod("web-a", "web", true);
        trees.seen("dev", webPod);
        AssertSubscriber<ReleaseKey> web = follow(WEB, "web");
        AssertSubscriber<ReleaseKey> api = follow(API, "api");
        followers.tick();

        trees.seen("dev", pod("web-a", "web", false));
        trees.seen("dev", pod("web-b", "web", true));
        followers.tick();
        assertThat(web.getItems()).containsExactly(WEB);
        assertThat(api.getItems()).isEmpty();

        trees.gone("dev", webPod);
        followers.tick();
        assertThat(web.getItems()).containsExactly(WEB, WEB);
        assertThat(api.getItems()).isEmpty();
    }

    @Test
    void aChangeNotInTheTreeIsNotToldThoughTheClusterChanged() {
        trees.seen("dev", deployment("web"));
        AssertSubscriber<ReleaseKey> web = follow(WEB, "web");
        followers.tick();

        trees.seen("dev", pod("lonely", "nobody", true));
        followers.tick();

        assertThat(web.getItems()).isEmpty();
    }

    @Test
    void aChangeBetweenDrawingThePageAndFollowingItIsTold() {
        trees.seen("dev", deployment("web"));
        long drawn = trees.changes("dev");
        trees.seen("dev", pod("web-a", "web", true));

        AssertSubscriber<ReleaseKey> web = followers.follow(WEB, roots("web"), drawn)
                .subscribe().withSubscriber(AssertSubscriber.create(10));
        followers.tick();

        assertThat(web.getItems()).containsExactly(WEB);
    }

    @Test
    void aNewRevisionMovesTheFollowToItsObjects() {
        trees.seen("dev", deployment("web"));
        trees.seen("dev", deployment("web-v2"));
        AssertSubscriber<ReleaseKey> web = follow(WEB, "web");
        followers.tick();

        followers.revised(WEB, roots("web-v2"));
        trees.seen("dev", pod("web-v2-a", "web-v2", false));
        followers.tick();

        assertThat(web.getItems()).containsExactly(WEB);
    }

    @Test
    void aPageClosedIsFollowedNoMore() {
        trees.seen("dev", deployment("web"));
        AssertSubscriber<ReleaseKey> web = follow(WEB, "web");
        web.cancel();

        trees.seen("dev", pod("web-a", "web", true));
        followers.tick();

        assertThat(web.getItems()).isEmpty();
    }

    private AssertSubscriber<ReleaseKey> follow(ReleaseKey release, String deployment) {
        return followers.follow(release, roots(deployment), trees.changes(release.cluster())).subscribe()
                .withSubscriber(AssertSubscriber.create(10));
    }

    private static ReleaseObjects roots(String deployment) {
        return new ReleaseObjects(List.of(new ObjectRef("apps/v1", "Deployment", "apps", deployment)), List.of());
    }

    private static Deployment deployment(String name) {
        return new DeploymentBuilder().withNewMetadata().withNamespace("apps").withName(name).withUid("uid-" + name)
                .endMetadata().withNewSpec().withReplicas(1).endSpec().withNewStatus().withReadyReplicas(1)
                .withUpdatedReplicas(1).endStatus().build();
    }

    private static Pod pod(String name, String owner, boolean ready) {
        return new PodBuilder().withNewMetadata().withNamespace("apps").withName(name).withUid("uid-" + name)
                .addNewOwnerReference().withKind("Deployment").withName(owner).withUid("uid-" + owner)
                .endOwnerReference().endMetadata().withNewStatus().withPhase("Running").addNewCondition()
                .withType("Ready").withStatus(ready ? "True" : "False").endCondition().endStatus().build();
    }
}
