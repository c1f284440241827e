package io.flotilla.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.launcher.bootstrap.Bootstrap;
import io.flotilla.launcher.cli.Endpoint;
import io.flotilla.launcher.stack.Service;
import io.flotilla.launcher.stack.StackState;
import io.flotilla.launcher.status.ObserverClient;
import io.flotilla.launcher.status.ReleaseRow;
import io.flotilla.testing.git.GitRepo;

/**
 * Flotilla managing its own installation from the fleet repository, as Flux bootstraps itself: what
 * {@code ./flotilla bootstrap} writes into the fleet (Flotilla's chart and {@code clusters/dev/flotilla-system/}) is
 * rendered and applied by the running stack (the {@link SharedStack}) to the cluster it names, {@code dev}, and an
 * instance count changed in Git becomes the replicas of Flotilla's own Deployment there.
 */
@OnSharedStack
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SelfManagementIT {

    private static final Duration ARRIVAL = Duration.ofSeconds(120);
    private static final String CLUSTER = "dev";

    private static GitRepo repo;
    private static Path release;
    private static StackState stack;
    private static KubernetesClient dev;
    private static KubernetesClient prod;

    @BeforeAll
    static void bootstrapIntoTheFleet(SharedStack shared) {
        Path work = shared.folder(SelfManagementIT.class);
        repo = EndToEndFleet.repository(work);
        release = Bootstrap.write(EndToEndFleet.HOME, repo.dir(), new Bootstrap.Settings(CLUSTER,
                "fleet-kafka-bootstrap.kafka:9092", "postgres.db:5432/flotilla",
                "https://git.example.com/platform/fleet.git", "main", "flux-system/fleet", Map.of()));
        stack = shared.state();
        dev = EndToEndFleet.client(stack.kubeconfig(), CLUSTER);
        prod = EndToEndFleet.client(stack.kubeconfig(), "prod");
        // What bootstrap asks the user to make once: the namespace and the Secret the values name.
        dev.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(Bootstrap.NAMESPACE).endMetadata()
                .build()).serverSideApply();
        dev.secrets().inNamespace(Bootstrap.NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                .withName(Bootstrap.SECRET_KEYS_SECRET).endMetadata().addToStringData("keys", "made-by-hand").build())
                .serverSideApply();
        EndToEndFleet.commit(repo, "Flotilla manages itself on dev");
        shared.watch("self", repo.dir().toString());
    }

    @AfterAll
    static void close() {
        if (dev != null) {
            dev.close();
        }
        if (prod != null) {
            prod.close();
        }
        if (repo != null) {
            repo.close();
        }
    }

    @Test
    @Order(1)
    void flotillasOwnDeploymentsRunOnTheClusterTheFleetNames() {
        String sha = repo.head();
        await().atMost(ARRIVAL).untilAsserted(() -> {
            for (Service service : Service.values()) {
                Deployment deployment = deployment(service);
                assertThat(deployment).as("Deployment flotilla-%s on dev", service.module()).isNotNull();
                assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
                assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                        .isEqualTo("flotilla/" + service.module() + ":0.1.0");
            }
        });
        await().atMost(ARRIVAL).untilAsserted(() -> assertThat(release()).hasValueSatisfying(row -> {
            assertThat(row.status()).isEqualTo("Ready");
            assertThat(row.sourceSha()).isEqualTo(sha);
            assertThat(row.chart()).isEqualTo("flotilla");
        }));
        assertThat(prod.apps().deployments().inNamespace(Bootstrap.NAMESPACE).list().getItems())
                .as("nothing of it on prod").isEmpty();
    }

    @Test
    @Order(2)
    void anInstanceCountChangedInGitBecomesTheReplicasOfFlotillasOwnDeployment() throws Exception {
        String values = Files.readString(release);
        String renderer = "      renderer:\n        replicas: 1\n";
        assertThat(values).contains(renderer);
        Files.writeString(release, values.replace(renderer, "      renderer:\n        replicas: 2\n"));
        String sha = EndToEndFleet.commit(repo, "Two renderers");
        push();

        await().atMost(ARRIVAL).untilAsserted(() ->
                assertThat(deployment(Service.RENDERER).getSpec().getReplicas()).isEqualTo(2));
        await().atMost(ARRIVAL).untilAsserted(() -> assertThat(release()).hasValueSatisfying(row -> {
            assertThat(row.status()).isEqualTo("Ready");
            assertThat(row.sourceSha()).isEqualTo(sha);
            assertThat(row.revision()).isEqualTo(2);
        }));
        assertThat(deployment(Service.APPLIER).getSpec().getReplicas()).isEqualTo(1);
    }

    private static Deployment deployment(Service service) {
        return dev.apps().deployments().inNamespace(Bootstrap.NAMESPACE).withName("flotilla-" + service.module())
                .get();
    }

    private static Optional<ReleaseRow> release() {
        return new ObserverClient(new Endpoint(stack.observerUrl(), stack.apiToken())).releases().stream()
                .filter(row -> row.cluster().equals(CLUSTER) && row.namespace().equals(Bootstrap.NAMESPACE)
                        && row.name().equals("flotilla"))
                .findFirst();
    }

    /** What a Git host's webhook does after a push. */
    private static void push() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stack.gitWatcherUrl() + "/hooks/generic"))
                        .header("X-Flotilla-Token", SharedStack.SOURCE_HOOK_SECRET)
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
    }
}
