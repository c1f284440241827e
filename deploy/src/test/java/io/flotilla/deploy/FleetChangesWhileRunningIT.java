package io.flotilla.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.launcher.cli.ClusterCommand;
import io.flotilla.launcher.cli.Endpoint;
import io.flotilla.launcher.cli.RolloutCommand;
import io.flotilla.launcher.fleet.ExampleFleet;
import io.flotilla.launcher.stack.LocalStack;
import io.flotilla.launcher.stack.Service;
import io.flotilla.launcher.stack.StackState;
import io.flotilla.launcher.status.ObserverClient;
import io.flotilla.launcher.status.ReleaseRow;
import io.flotilla.testing.fixtures.HelmReleaseYaml;
import io.flotilla.testing.git.GitRepo;

/**
 * The fleet changing while the whole stack runs, as a user drives it with {@code ./flotilla cluster} and
 * {@code ./flotilla rollout}: a repository laid out as Flux v1 ran it ({@code flux/common} for every cluster,
 * {@code flux/cluster_<name>} for one) mapped by its {@code flotilla.yaml} with per-cluster values and variables; a
 * cluster registered at runtime getting what targets it without a commit; a rollout in waves halted by a failure on
 * the first wave and resumed by hand; a cluster removed keeping what was deployed. No service restarts. The stack is
 * its own, not the {@link SharedStack}: the clusters it registers would show in every other class; and it starts the
 * services a commit goes through, not the image-updater nor registry-secrets, which have no part here.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetChangesWhileRunningIT {

    private static final Duration ARRIVAL = Duration.ofSeconds(90);
    private static final String JOINER = "eu-3";

    @TempDir
    static Path work;

    private static GitRepo repo;
    private static StackState stack;
    private static ObserverClient observer;
    private static final Map<String, KubernetesClient> clusters = new LinkedHashMap<>();

    @BeforeAll
    static void startStack() throws IOException {
        repo = EndToEndFleet.repository(work);
        repo.write("flotilla.yaml", """
                apiVersion: flotilla.io/v1
                kind: Targeting
                targets:
                  - name: per-cluster
                    paths: ["flux/cluster_{cluster}/**"]
                  - name: widgets
                    paths: ["flux/widgets/**"]
                    rollout:
                      soak: 1s
                      waves:
                        - name: dev
                          clusters: {matchLabels: {env: dev}}
                        - name: prod
                          clusters: {matchLabels: {env: prod}}
                  - name: common
                    paths: ["flux/common/**"]
                    customizations:
                      - clusters: {matchLabels: {env: prod}}
                        values: {replicaCount: 2}
                """);
        repo.write("flux/common/hello.yaml", HelmReleaseYaml.fluxV1("hello", "hello", "charts/hello",
                HelmReleaseYaml.releaseName("hello") + "values:\n  message: \"hello from ${cluster_name}\"\n"));
        for (String cluster : EndToEndFleet.CLUSTERS) {
            repo.write("flux/cluster_" + cluster + "/extra.yaml", HelmReleaseYaml.fluxV1("extra", "extra",
                    "charts/hello", HelmReleaseYaml.releaseName("extra") + "values:\n  message: \"only on " + cluster + "\"\n"));
        }
        ExampleFleet.pointAtItself(repo.dir());
        repo.commit("A Flux v1 layout, mapped by flotilla.yaml");
        stack = LocalStack.up(EndToEndFleet.options(work, repo.dir().toString(), "flotilla_e2e_fleet")
                .with(EnumSet.of(Service.OBSERVER, Service.GIT_WATCHER, Service.RENDERER, Service.APPLIER))
                .withSpareClusters(1), new PrintStream(System.out));
        observer = new ObserverClient(new Endpoint(stack.observerUrl(), stack.apiToken()));
        for (String cluster : EndToEndFleet.CLUSTERS) {
            clusters.put(cluster, EndToEndFleet.client(stack.kubeconfig(), cluster));
        }
        clusters.put(JOINER, EndToEndFleet.client(stack.spareKubeconfig(), "spare-1"));
    }

    @AfterAll
    static void stopStack() {
        clusters.values().forEach(KubernetesClient::close);
        if (repo != null) {
            repo.close();
        }
        if (stack != null) {
            LocalStack.down(work.resolve("state"), new PrintStream(System.out));
        }
    }

    @Test
    @Order(1)
    void theFluxV1LayoutIsMappedWithoutMovingAFileEachClusterWithItsOwnValues() {
        await().atMost(ARRIVAL).untilAsserted(() -> {
            assertThat(message("dev", "hello")).isEqualTo("hello from dev");
            assertThat(message("prod", "hello")).isEqualTo("hello from prod");
            assertThat(message("dev", "extra")).isEqualTo("only on dev");
            assertThat(message("prod", "extra")).isEqualTo("only on prod");
            assertThat(replicas("prod", "hello")).as("the prod customization").isEqualTo(2);
            assertThat(replicas("dev", "hello")).isEqualTo(1);
        });
        await().atMost(ARRIVAL).untilAsserted(() -> assertThat(release("dev", "extra", "extra"))
                .hasValueSatisfying(row -> assertThat(row.status()).isEqualTo("Ready")));
    }

    @Test
    @Order(2)
    void aClusterAddedWhileRunningGetsWhatTargetsItWithoutACommit() {
        String head = repo.head();
        String added = ClusterCommand.run(List.of("add", JOINER, "--kubeconfig", stack.spareKubeconfig().toString(),
                "--context", "spare-1", "--label", "env=prod", "--label", "region=eu"), observerEndpoint(),
                Instant.now());
        assertThat(added).contains(JOINER);

        await().atMost(ARRIVAL).untilAsserted(() -> {
            assertThat(message(JOINER, "hello")).isEqualTo("hello from eu-3");
            assertThat(release(JOINER, "hello", "hello")).hasValueSatisfying(row -> {
                assertThat(row.status()).isEqualTo("Ready");
                assertThat(row.sourceSha()).isEqualTo(head);
            });
        });
        await().atMost(ARRIVAL).untilAsserted(() -> assertThat(replicas(JOINER, "hello"))
                .as("the prod customization applies to a prod cluster that joins").isEqualTo(2));
        assertThat(release(JOINER, "extra", "extra")).as("no flux/cluster_eu-3 folder: no extra release").isEmpty();
        await().atMost(ARRIVAL).untilAsserted(() -> assertThat(ClusterCommand.run(List.of("list"),
                observerEndpoint(), Instant.now())).contains(JOINER).contains("env=prod").contains("region=eu"));
    }

    @Test
    @Order(3)
    void aFailureOnTheFirstWaveHaltsTheNextUntilResumed() {
        installWidgetDefinition("prod");
        installWidgetDefinition(JOINER);
        writeWidgets();
        ExampleFleet.pointAtItself(repo.dir());
        repo.commit("Widgets, dev first");

        await().atMost(ARRIVAL).untilAsserted(() -> assertThat(release("dev", "default", "flux-widgets"))
                .hasValueSatisfying(row -> assertThat(row.status()).isEqualTo("Failed")));
        await().atMost(ARRIVAL).untilAsserted(() -> assertThat(rollouts("status").lines()
                .filter(line -> line.contains("/default/flux-widgets") && line.contains(" halted ")
                        && line.contains(" dev ")))
                .as("prod and eu-3 halted, waiting for dev").hasSize(2));
        assertThat(release("prod", "default", "flux-widgets").map(ReleaseRow::status)).as("prod waits for dev")
                .isNotEqualTo(Optional.of("Ready"));

        assertThat(rollouts("resume")).startsWith("Resumed 2 renderings");
        await().atMost(ARRIVAL).untilAsserted(() -> {
            assertThat(release("prod", "default", "flux-widgets"))
                    .hasValueSatisfying(row -> assertThat(row.status()).isEqualTo("Ready"));
            assertThat(release(JOINER, "default", "flux-widgets"))
                    .hasValueSatisfying(row -> assertThat(row.status()).isEqualTo("Ready"));
        });
    }

    @Test
    @Order(4)
    void aClusterRemovedKeepsWhatWasDeployedAndGetsNoMoreCommits() {
        String removed = ClusterCommand.run(List.of("remove", JOINER), observerEndpoint(), Instant.now());
        assertThat(removed).contains(JOINER);
        await().atMost(ARRIVAL).untilAsserted(() -> assertThat(ClusterCommand.run(List.of("list"),
                observerEndpoint(), Instant.now())).doesNotContain(JOINER));

        repo.write("flux/common/hello.yaml", HelmReleaseYaml.fluxV1("hello", "hello", "charts/hello",
                HelmReleaseYaml.releaseName("hello") + "values:\n  message: \"hello again from ${cluster_name}\"\n"));
        ExampleFleet.pointAtItself(repo.dir());
        repo.commit("A new message everywhere");

        await().atMost(ARRIVAL).untilAsserted(() -> {
            assertThat(message("dev", "hello")).isEqualTo("hello again from dev");
            assertThat(message("prod", "hello")).isEqualTo("hello again from prod");
        });
        assertThat(message(JOINER, "hello")).as("what was deployed on the removed cluster stays as it was")
                .isEqualTo("hello from eu-3");
    }

    private static void writeWidgets() {
        repo.write("flux/widgets/widgets.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: widgets
                ---
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: gear
                  namespace: widgets
                spec:
                  teeth: 12
                """);
    }

    /** What an operator's chart installs on prod: dev has no such operator, so a Widget fails there. */
    private static void installWidgetDefinition(String cluster) {
        clusters.get(cluster).apiextensions().v1().customResourceDefinitions().resource(
                new CustomResourceDefinitionBuilder()
                        .withNewMetadata().withName("widgets.example.com").endMetadata()
                        .withNewSpec().withGroup("example.com").withScope("Namespaced")
                        .withNewNames().withKind("Widget").withListKind("WidgetList").withPlural("widgets")
                        .withSingular("widget").endNames()
                        .addNewVersion().withName("v1").withServed(true).withStorage(true)
                        .withNewSchema().withNewOpenAPIV3Schema().withType("object")
                        .withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
                        .endVersion().endSpec().build()).serverSideApply();
    }

    private static String rollouts(String command) {
        int port = stack.members().stream().filter(member -> member.name().equals("applier")).findFirst()
                .orElseThrow().port();
        return RolloutCommand.run(List.of(command), new Endpoint("http://localhost:" + port, stack.apiToken()),
                Instant.now());
    }

    /** The observer as the command line calls it on this stack: with the stack's admin token. */
    private static Endpoint observerEndpoint() {
        return new Endpoint(stack.observerUrl(), stack.apiToken());
    }

    private static String message(String cluster, String namespace) {
        return clusters.get(cluster).configMaps().inNamespace(namespace).list().getItems().stream()
                .map(ConfigMap::getData).filter(data -> data != null && data.containsKey("message"))
                .map(data -> data.get("message")).findFirst().orElse(null);
    }

    private static int replicas(String cluster, String namespace) {
        return clusters.get(cluster).apps().deployments().inNamespace(namespace).list().getItems().stream()
                .map(Deployment::getSpec).mapToInt(spec -> spec.getReplicas()).findFirst().orElse(-1);
    }

    private static Optional<ReleaseRow> release(String cluster, String namespace, String name) {
        return observer.releases().stream().filter(row -> row.cluster().equals(cluster)
                && row.namespace().equals(namespace) && row.name().equals(name)).findFirst();
    }
}
