package io.flotilla.embedded.clusters;

import static io.flotilla.embedded.clusters.ClusterFixture.namespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Writes refused by an admission webhook, as a policy engine refuses them, seen by fabric8 and by kubectl. */
class AdmissionWebhooksTest extends OnASimulatedCluster {

    private static final String DENIED = "admission webhook \"policy.example.com\" denied the request: "
            + "service accounts are managed by the platform team";

    @Test
    void createsUpdatesPatchesAndDryRunsOfTheResourceInTheNamespaceAreRefusedUntilLifted() {
        client.namespaces().resource(namespace("locked")).create();
        client.namespaces().resource(namespace("open")).create();
        ServiceAccount before = client.serviceAccounts().inNamespace("locked").resource(account("robot")).create();

        cluster.refuseWrites("serviceaccounts", "locked", "policy.example.com",
                "service accounts are managed by the platform team");

        assertRefused(() -> client.serviceAccounts().inNamespace("locked").resource(account("default")).create());
        assertRefused(() -> client.serviceAccounts().inNamespace("locked").resource(account("default")).dryRun()
                .create());
        assertRefused(() -> client.serviceAccounts().inNamespace("locked").withName("robot")
                .edit(current -> new ServiceAccountBuilder(current).addNewImagePullSecret("hub").build()));
        assertRefused(() -> client.serviceAccounts().inNamespace("locked").resource(account("robot"))
                .fieldManager("flotilla").forceConflicts().serverSideApply());
        assertRefused(() -> client.serviceAccounts().inNamespace("locked").resource(new ServiceAccountBuilder(before)
                .addNewImagePullSecret("hub").build()).update());
        assertThat(client.serviceAccounts().inNamespace("locked").withName("robot").get().getImagePullSecrets())
                .isEmpty();
        assertThat(client.serviceAccounts().inNamespace("locked").withName("default").get()).isNull();
        assertThat(client.serviceAccounts().inNamespace("open").resource(account("default")).create()).isNotNull();
        assertThat(client.configMaps().inNamespace("locked").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("free").endMetadata().build()).create()).isNotNull();

        cluster.acceptWrites("serviceaccounts", "locked");

        assertThat(client.serviceAccounts().inNamespace("locked").resource(account("default")).create()).isNotNull();
    }

    @Test
    void kubectlShowsTheWebhooksWords() throws Exception {
        client.namespaces().resource(namespace("guarded")).create();
        cluster.refuseWrites("serviceaccounts", "guarded", "policy.example.com",
                "service accounts are managed by the platform team");

        String refused = kubectl("create", "serviceaccount", "builder", "--namespace", "guarded");

        assertThat(refused).isEqualTo("error: failed to create serviceaccount: " + DENIED);
        assertThat(client.serviceAccounts().inNamespace("guarded").withName("builder").get()).isNull();
    }

    private static void assertRefused(Runnable write) {
        assertThatThrownBy(write::run).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(403);
            assertThat(e.getStatus().getReason()).isEqualTo("Forbidden");
            assertThat(e.getStatus().getMessage()).isEqualTo(DENIED);
        });
    }

    private static ServiceAccount account(String name) {
        return new ServiceAccountBuilder().withNewMetadata().withName(name).endMetadata().build();
    }

    /** What kubectl said, as it fails. */
    private static String kubectl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl", "--server", cluster.url()));
        command.addAll(List.of(arguments));
        Process kubectl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).as(output).isNotZero();
        return output;
    }
}
