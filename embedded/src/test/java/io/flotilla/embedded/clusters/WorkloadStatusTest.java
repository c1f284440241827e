package io.flotilla.embedded.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;

/** What a simulated cluster's controllers report on an object right after it is written, as a health rule reads it. */
class WorkloadStatusTest extends OnASimulatedCluster {

    @Test
    void aPodThatRunsForGoodIsRunningAndReady() {
        Pod pod = apply(pod("web", "Always"));

        assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        assertThat(pod.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus())
                .contains("Ready=True", "ContainersReady=True");
        assertThat(pod.getStatus().getContainerStatuses()).singleElement().satisfies(container -> {
            assertThat(container.getReady()).isTrue();
            assertThat(container.getState().getRunning()).isNotNull();
        });
    }

    @Test
    void aPodThatRunsToCompletionHasSucceeded() {
        Pod pod = apply(pod("smoke-test", "Never"));

        assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
        assertThat(pod.getStatus().getContainerStatuses()).singleElement()
                .satisfies(container -> assertThat(container.getState().getTerminated().getExitCode()).isZero());
    }

    @Test
    void aJobCompletesAsTheJobControllerOfKubernetes131Says() {
        Job job = apply(job("migrate", false));

        assertThat(job.getStatus().getSucceeded()).isEqualTo(1);
        assertThat(job.getStatus().getActive()).isNull();
        assertThat(job.getStatus().getConditions()).extracting(JobCondition::getType, JobCondition::getStatus,
                JobCondition::getReason).containsExactly(tuple("SuccessCriteriaMet", "True", "CompletionsReached"),
                        tuple("Complete", "True", "CompletionsReached"));
    }

    @Test
    void aSuspendedJobStartsNothingAndSaysSo() {
        Job job = apply(job("later", true));

        assertThat(job.getStatus().getStartTime()).isNull();
        assertThat(job.getStatus().getSucceeded()).isNull();
        assertThat(job.getStatus().getConditions()).extracting(JobCondition::getType, JobCondition::getStatus,
                JobCondition::getReason).containsExactly(tuple("Suspended", "True", "JobSuspended"));
    }

    @Test
    void aLoadBalancerServiceGetsALoopbackAddressOfItsOwnThatItKeeps() {
        Service web = apply(service("web-lb", "LoadBalancer"));
        Service api = apply(service("api-lb", "LoadBalancer"));

        String address = web.getStatus().getLoadBalancer().getIngress().get(0).getIp();
        assertThat(address).startsWith("127.0.0.");
        assertThat(api.getStatus().getLoadBalancer().getIngress()).extracting(LoadBalancerIngress::getIp)
                .singleElement().isNotEqualTo(address);
        assertThat(apply(service("web-lb", "LoadBalancer")).getStatus().getLoadBalancer().getIngress())
                .extracting(LoadBalancerIngress::getIp).containsExactly(address);
    }

    @Test
    void aClusterIpServiceGetsNoLoadBalancerAddress() {
        Service internal = apply(service("internal", "ClusterIP"));

        assertThat(internal.getStatus() == null || internal.getStatus().getLoadBalancer() == null
                || internal.getStatus().getLoadBalancer().getIngress().isEmpty()).isTrue();
    }

    @Test
    void anIngressGetsTheAddressOfTheIngressController() {
        var ingress = apply(new IngressBuilder().withNewMetadata().withName("web").withNamespace("default")
                .endMetadata().withNewSpec().addNewRule().withHost("web.example.com").endRule().endSpec().build());

        assertThat(ingress.getStatus().getLoadBalancer().getIngress()).extracting(i -> i.getIp())
                .containsExactly("127.0.0.1");
    }

    @Test
    void anAutoscalerScalesItsTargetAtItsMinimum() {
        HorizontalPodAutoscaler v2 = apply(new io.fabric8.kubernetes.api.model.autoscaling.v2
                .HorizontalPodAutoscalerBuilder().withNewMetadata().withName("web").withNamespace("default")
                .endMetadata().withNewSpec().withMinReplicas(2).withMaxReplicas(5).withNewScaleTargetRef()
                .withApiVersion("apps/v1").withKind("Deployment").withName("web").endScaleTargetRef().endSpec()
                .build());

        assertThat(v2.getStatus().getCurrentReplicas()).isEqualTo(2);
        assertThat(v2.getStatus().getDesiredReplicas()).isEqualTo(2);
        assertThat(v2.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus())
                .contains("AbleToScale=True", "ScalingActive=True");

        var v1 = apply(new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("worker")
                .withNamespace("default").endMetadata().withNewSpec().withMaxReplicas(3).withNewScaleTargetRef()
                .withApiVersion("apps/v1").withKind("Deployment").withName("worker").endScaleTargetRef().endSpec()
                .build());
        assertThat(v1.getStatus().getCurrentReplicas()).isEqualTo(1);
        assertThat(v1.getStatus().getObservedGeneration()).isEqualTo(v1.getMetadata().getGeneration());
    }

    @Test
    void anAPIServiceIsAvailable() {
        JsonNode apiService = new ObjectMapper().valueToTree(Map.of("apiVersion", "apiregistration.k8s.io/v1",
                "kind", "APIService", "metadata", Map.of("name", "v1beta1.metrics.k8s.io"),
                "spec", Map.of("service", Map.of("namespace", "kube-system", "name", "metrics-server"))));

        assertThat(WorkloadStatus.rolledOut(apiService, "2026-01-01T00:00:00Z").orElseThrow()
                .at("/conditions/0").toString()).contains("\"type\":\"Available\"", "\"status\":\"True\"");
    }

    @Test
    void aConfigMapHasNoController() {
        JsonNode configMap = new ObjectMapper().valueToTree(Map.of("apiVersion", "v1", "kind", "ConfigMap"));

        assertThat(WorkloadStatus.rolledOut(configMap, "2026-01-01T00:00:00Z")).isEmpty();
    }

    /** Applies {@code object} as Flotilla does and reads it back as the cluster then holds it. */
    private static <T extends HasMetadata> T apply(T object) {
        client.resource(object).fieldManager("flotilla").forceConflicts().serverSideApply();
        return client.resource(object).get();
    }

    private static Pod pod(String name, String restartPolicy) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withRestartPolicy(restartPolicy).addNewContainer().withName(name)
                .withImage("busybox:1.36").endContainer().endSpec().build();
    }

    private static Service service(String name, String type) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withType(type).addToSelector("app", name).addNewPort().withPort(80).endPort().endSpec()
                .build();
    }

    private static Job job(String name, boolean suspended) {
        return new JobBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata().withNewSpec()
                .withSuspend(suspended).withNewTemplate().withNewSpec().withRestartPolicy("Never").addNewContainer()
                .withName("run").withImage("busybox").endContainer().endSpec().endTemplate().endSpec().build();
    }
}
