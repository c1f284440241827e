package io.flotilla.embedded.clusters;

import static io.flotilla.embedded.clusters.ClusterFixture.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

class RequestsAndWatchesTest extends OnASimulatedCluster {

    @Test
    void readsCountAsRequestsAndWritesAsBoth() {
        long requests = cluster.requestCount();
        long writes = cluster.writeCount();

        client.configMaps().withName("absent").get();
        assertThat(cluster.requestCount()).isEqualTo(requests + 1);
        assertThat(cluster.writeCount()).isEqualTo(writes);

        client.resource(configMap("counted", Map.of("a", "1"))).fieldManager("flotilla").forceConflicts()
                .serverSideApply();
        client.resource(configMap("counted", Map.of("a", "1"))).fieldManager("flotilla").forceConflicts()
                .serverSideApply();
        assertThat(cluster.writeCount()).isEqualTo(writes + 2);
    }

    @Test
    void receivedRequestsAreListedInTheOrderTheyCameWithMethodAndPath() {
        long before = System.nanoTime();
        client.resource(configMap("listed", Map.of("a", "1"))).dryRun().fieldManager("flotilla").serverSideApply();
        client.resource(configMap("listed", Map.of("a", "1"))).fieldManager("flotilla").serverSideApply();
        client.configMaps().inNamespace("default").withName("listed").delete();

        List<ReceivedRequest> received = cluster.receivedRequests().stream()
                .filter(request -> request.receivedNanos() >= before).toList();
        assertThat(received).extracting(request -> request.method() + " " + request.path().split("\\?")[0])
                .containsExactly("PATCH /api/v1/namespaces/default/configmaps/listed",
                        "PATCH /api/v1/namespaces/default/configmaps/listed",
                        "DELETE /api/v1/namespaces/default/configmaps/listed");
        assertThat(received).extracting(ReceivedRequest::isDryRun).containsExactly(true, false, false);
    }

    @Test
    void aWatchSeesWhatServerSideApplyCreatesAndChanges() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch twoEvents = new CountDownLatch(2);
        try (Watch watch = client.configMaps().inNamespace("default").withName("watched").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
                events.add(action + " " + resource.getData().get("a"));
                twoEvents.countDown();
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            client.resource(configMap("watched", Map.of("a", "1"))).fieldManager("flotilla").forceConflicts()
                    .serverSideApply();
            client.resource(configMap("watched", Map.of("a", "2"))).fieldManager("flotilla").forceConflicts()
                    .serverSideApply();

            assertThat(twoEvents.await(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(events).containsExactly("ADDED 1", "MODIFIED 2");
    }

    @Test
    void aWatchOfANamespaceSeesWhatIsThereThenWhatIsDeleted() throws Exception {
        client.resource(configMap("present", Map.of("a", "1"))).fieldManager("flotilla").forceConflicts()
                .serverSideApply();
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch deleted = new CountDownLatch(1);
        try (Watch watch = client.configMaps().inNamespace("default").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
                events.add(action + " " + resource.getMetadata().getName());
                if (action == Action.DELETED) {
                    deleted.countDown();
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            client.configMaps().inNamespace("default").withName("present").delete();

            assertThat(deleted.await(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(events).containsSubsequence("ADDED present", "DELETED present");
    }
}
