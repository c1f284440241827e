package io.flotilla.bench.observer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.events.EventCodec;

/**
 * Fills one simulated cluster to {@code objects} objects of the kinds the observer watches: the releases' objects,
 * applied as the applier applies them (server-side, field manager {@code flotilla}), an autoscaler for some
 * releases, and the rest of a busy cluster: pods, ConfigMaps, Deployments and events of other teams.
 */
final class ClusterContent {

    /** One release in this many has an autoscaler, which scales it once. */
    static final int AUTOSCALED_EVERY = 10;

    private ClusterContent() {
    }

    /** @return how many objects were written */
    static int fill(KubernetesClient cluster, List<BenchRelease> releases, int objects) {
        for (String namespace : List.of(BenchRelease.NAMESPACE, "other")) {
            cluster.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                    .build()).serverSideApply();
        }
        int written = 2;
        for (int i = 0; i < releases.size(); i++) {
            BenchRelease release = releases.get(i);
            for (Map<String, Object> object : release.objects()) {
                cluster.resource(EventCodec.mapper().convertValue(object, GenericKubernetesResource.class))
                        .fieldManager("flotilla").forceConflicts().serverSideApply();
                written++;
            }
            if (i % AUTOSCALED_EVERY == 0) {
                autoscaler(cluster, release.name());
                written++;
            }
        }
        for (int i = 0; written < objects; i++, written++) {
            String name = String.format("other-%04d", i);
            switch (i % 8) {
                case 0, 1, 2, 3 -> cluster.pods().inNamespace("other").resource(new PodBuilder().withNewMetadata()
                        .withName(name).addToLabels("app", "other-" + (i % 50)).endMetadata().withNewSpec()
                        .addNewContainer().withName("app").withImage("registry.example.com/other:1").endContainer()
                        .endSpec().build()).create();
                case 4, 5 -> cluster.configMaps().inNamespace("other").resource(new ConfigMapBuilder().withNewMetadata()
                        .withName(name).endMetadata().addToData("setting", "value " + i).build()).create();
                case 6 -> cluster.apps().deployments().inNamespace("other").resource(new DeploymentBuilder()
                        .withNewMetadata().withName(name).endMetadata().withNewSpec().withReplicas(1)
                        .withNewSelector().addToMatchLabels("app", name).endSelector().withNewTemplate().withNewMetadata()
                        .addToLabels("app", name).endMetadata().withNewSpec().addNewContainer().withName("app")
                        .withImage("registry.example.com/other:1").endContainer().endSpec().endTemplate().endSpec()
                        .build()).create();
                default -> cluster.v1().events().inNamespace("other").resource(new EventBuilder().withNewMetadata()
                        .withName(name).endMetadata().withType(i % 16 == 7 ? "Warning" : "Normal").withReason("Pulled")
                        .withMessage("Container image pulled").withLastTimestamp(Instant.now().toString())
                        .withNewInvolvedObject().withKind("Pod").withNamespace("other").withName(name)
                        .endInvolvedObject().build()).create();
            }
        }
        return written;
    }

    /** An autoscaler of the release's Deployment, which has scaled it from 2 to 4 replicas: no drift. */
    private static void autoscaler(KubernetesClient cluster, String name) {
        cluster.autoscaling().v2().horizontalPodAutoscalers().inNamespace(BenchRelease.NAMESPACE)
                .resource(new HorizontalPodAutoscalerBuilder().withNewMetadata().withName(name).endMetadata()
                        .withNewSpec().withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment")
                        .withName(name).endScaleTargetRef().withMinReplicas(2).withMaxReplicas(10).endSpec().build())
                .create();
        cluster.autoscaling().v2().horizontalPodAutoscalers().inNamespace(BenchRelease.NAMESPACE).withName(name)
                .editStatus(hpa -> new HorizontalPodAutoscalerBuilder(hpa).withStatus(
                        new HorizontalPodAutoscalerStatusBuilder().withCurrentReplicas(4).withDesiredReplicas(4)
                                .withLastScaleTime(Instant.now().toString()).build()).build());
        cluster.apps().deployments().inNamespace(BenchRelease.NAMESPACE).withName(name)
                .edit(deployment -> new DeploymentBuilder(deployment).editSpec().withReplicas(4).endSpec().build());
    }
}
