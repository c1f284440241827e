package io.flotilla.observer.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.flotilla.embedded.clusters.SimulatedCluster;
import io.flotilla.events.ObjectRef;

/** The live objects of one simulated cluster, asked on a thread of the test's own as the drift watch asks on its. */
class LiveObjectsTest {

    static final ObjectRef GREETING = new ObjectRef("v1", "ConfigMap", "default", "greeting");
    static final ObjectRef WEB = new ObjectRef("apps/v1", "Deployment", "default", "web");

    SimulatedCluster dev;
    final ExecutorService worker = Executors.newSingleThreadExecutor();
    final Set<ObjectRef> followed = ConcurrentHashMap.newKeySet();
    final Set<ObjectRef> changed = ConcurrentHashMap.newKeySet();
    /** The clusters of each watch whose first list is in, once per watch. */
    final List<String> listed = new CopyOnWriteArrayList<>();
    LiveObjects live;

    @BeforeEach
    void start() {
        dev = SimulatedCluster.start("dev", Map.of());
        live = new LiveObjects(cluster -> dev.client(), worker, (cluster, ref) -> followed.contains(ref),
                new LiveObjects.Changes() {
                    @Override
                    public void changed(String cluster, List<ObjectRef> objects) {
                        changed.addAll(objects);
                    }

                    @Override
                    public void listed(String cluster) {
                        listed.add(cluster);
                    }
                });
    }

    @AfterEach
    void stop() {
        on(() -> {
            live.close();
            return null;
        });
        worker.shutdownNow();
        dev.close();
    }

    @Test
    void aFollowedObjectIsKnownAsItLivesAndItsChangesAreTold() {
        followed.add(GREETING);
        greeting("hello");
        on(() -> {
            live.watch("dev", List.of(GREETING));
            return null;
        });
        await().untilAsserted(() -> assertThat(on(() -> live.object("dev", GREETING)).path("data").path("greeting")
                .asText()).isEqualTo("hello"));

        greeting("changed");

        await().untilAsserted(() -> assertThat(on(() -> live.object("dev", GREETING)).path("data").path("greeting")
                .asText()).isEqualTo("changed"));
        await().until(() -> changed.contains(GREETING));
    }

    @Test
    void anObjectSeenBeforeItsReleaseWasFollowedIsFetchedAndThenTold() {
        greeting("hello");
        on(() -> {
            live.watch("dev", List.of(GREETING));
            return null;
        });
        // The ConfigMaps and the autoscalers listed, the ConfigMap seen by its names only.
        await().until(() -> listed.size() == 2 && changed.contains(GREETING));
        changed.clear();
        followed.add(GREETING);

        assertThat(on(() -> live.object("dev", GREETING)).isMissingNode()).as("not known until fetched").isTrue();
        await().until(() -> changed.contains(GREETING));
        assertThat(on(() -> live.object("dev", GREETING)).path("data").path("greeting").asText()).isEqualTo("hello");
    }

    @Test
    void anObjectThatDoesNotExistIsNullOnceItsKindIsListed() {
        on(() -> {
            live.watch("dev", List.of(GREETING));
            return null;
        });

        await().until(() -> on(() -> live.object("dev", GREETING)) == null);
    }

    @Test
    void anAutoscalerTellsTheWorkloadItScales() {
        on(() -> {
            live.watch("dev", List.of(WEB));
            return null;
        });
        await().until(() -> on(() -> live.autoscalersKnown("dev")));
        assertThat(on(() -> live.scaledByAutoscaler("dev", WEB))).isFalse();

        dev.client().autoscaling().v2().horizontalPodAutoscalers().inNamespace("default")
                .resource(new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("web").endMetadata()
                        .withNewSpec().withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment")
                        .withName("web").endScaleTargetRef().withMinReplicas(2).withMaxReplicas(10).endSpec().build())
                .create();

        await().until(() -> changed.contains(WEB));
        assertThat(on(() -> live.scaledByAutoscaler("dev", WEB))).isTrue();
    }

    private void greeting(String greeting) {
        dev.client().configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("greeting").endMetadata().addToData("greeting", greeting).build())
                .fieldManager("flotilla").forceConflicts().serverSideApply();
    }

    private <T> T on(Callable<T> call) {
        try {
            return worker.submit(call).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
