package io.flotilla.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.embedded.postgres.PostgresServer;
import io.flotilla.events.Topic;
import io.flotilla.launcher.cli.ClusterCommand;
import io.flotilla.launcher.cli.Endpoint;
import io.flotilla.launcher.fleet.ExampleFleet;
import io.flotilla.launcher.stack.LocalStack;
import io.flotilla.launcher.stack.StackState;
import io.flotilla.testing.git.GitRepo;
import io.flotilla.testing.kafka.FlotillaTopics;

/**
 * Pull secrets as registry-creds users keep them, through the whole stack: a {@code ClusterPullSecret} in a common
 * folder of the repository, applied by Flotilla on every cluster (its CRD installed by registry-secrets first), the
 * seed Secret created in each cluster by hand with {@code kubectl create secret docker-registry}. Every namespace gets
 * its copy and its {@code default} ServiceAccount the entry, a namespace created later too, a rotation reaches every
 * copy, a cluster registered while the stack runs is covered, and the seed's password is nowhere in Kafka, the
 * database or the logs. The stack is its own, not the {@link SharedStack}: the cluster it registers and the copies it
 * makes in every namespace would show in every other class, and its logs and database hold only what this class did.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PullSecretsAcrossTheFleetIT {

    private static final Duration ARRIVAL = Duration.ofSeconds(90);
    private static final String COPY = "dockerhub-registrycreds";
    private static final String JOINER = "eu-3";
    private static final String DATABASE = "flotilla_e2e_pull_secrets";

    @TempDir
    static Path work;

    private static GitRepo repo;
    private static StackState stack;
    private static final Map<String, KubernetesClient> clusters = new LinkedHashMap<>();
    private static final Map<String, String> contexts = new LinkedHashMap<>();
    private static final List<String> passwords = new ArrayList<>();

    @BeforeAll
    static void startStack() throws IOException {
        repo = EndToEndFleet.repository(work);
        repo.write("common/pull-secrets/dockerhub.yaml", """
                apiVersion: ops.alexellis.io/v1
                kind: ClusterPullSecret
                metadata:
                  name: dockerhub
                spec:
                  secretRef:
                    name: registry-creds-secret
                    namespace: kube-system
                """);
        ExampleFleet.pointAtItself(repo.dir());
        repo.commit("registry-creds' ClusterPullSecret, as it was");
        stack = LocalStack.up(EndToEndFleet.options(work, repo.dir().toString(), DATABASE).withSpareClusters(1),
                new PrintStream(System.out));
        for (String cluster : EndToEndFleet.CLUSTERS) {
            connect(cluster, stack.kubeconfig(), cluster);
            createSeed(cluster, "password-" + UUID.randomUUID());
        }
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
    void theClusterPullSecretInGitReachesEveryNamespaceOfEveryCluster() {
        for (String cluster : EndToEndFleet.CLUSTERS) {
            await().atMost(ARRIVAL).untilAsserted(() -> assertCovered(cluster));
        }
    }

    @Test
    @Order(2)
    void aNamespaceCreatedLaterGetsItsCopy() {
        clusters.get("prod").namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-b")
                .endMetadata().build()).create();

        await().atMost(ARRIVAL).untilAsserted(() -> assertThat(copy("prod", "team-b")).isNotNull());
    }

    @Test
    @Order(3)
    void aRotatedSeedReachesEveryCopy() {
        createSeed("prod", "rotated-" + UUID.randomUUID());

        await().atMost(ARRIVAL).untilAsserted(() -> assertCovered("prod"));
    }

    @Test
    @Order(4)
    void aClusterRegisteredWhileRunningIsCovered() {
        ClusterCommand.run(List.of("add", JOINER, "--kubeconfig", stack.spareKubeconfig().toString(), "--context",
                "spare-1", "--label", "env=prod"), new Endpoint(stack.observerUrl(), stack.apiToken()),
                Instant.now());
        connect(JOINER, stack.spareKubeconfig(), "spare-1");
        createSeed(JOINER, "joiner-" + UUID.randomUUID());

        await().atMost(ARRIVAL).untilAsserted(() -> assertCovered(JOINER));
    }

    @Test
    @Order(5)
    void noPasswordIsInKafkaTheDatabaseOrTheLogs() throws Exception {
        List<String> forms = new ArrayList<>();
        for (String password : passwords) {
            forms.add(password);
            forms.add(base64("flotilla:" + password));
        }
        for (KubernetesClient cluster : clusters.values()) {
            forms.add(cluster.secrets().inNamespace("kube-system").withName("registry-creds-secret").get().getData()
                    .get(".dockerconfigjson"));
        }
        try (FlotillaTopics topics = new FlotillaTopics(stack.kafkaBootstrap())) {
            for (Topic topic : Topic.values()) {
                for (ConsumerRecord<String, String> record : topics.all(topic)) {
                    String seen = record.key() + " " + record.value() + headers(record);
                    assertThat(forms).as("record of %s", topic).noneMatch(seen::contains);
                }
            }
        }
        String rows = everyRow();
        assertThat(rows).as("the stack's database").contains("kube-system/registry-creds-secret");
        assertThat(forms).as("the stack's database").noneMatch(rows::contains);
        try (Stream<Path> logs = Files.list(work.resolve("state").resolve("logs"))) {
            for (Path log : logs.toList()) {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                assertThat(forms).as(log.getFileName().toString()).noneMatch(text::contains);
            }
        }
    }

    /** Every namespace of the cluster has a copy equal to the seed, listed by its default ServiceAccount. */
    private static void assertCovered(String cluster) {
        Secret seed = clusters.get(cluster).secrets().inNamespace("kube-system").withName("registry-creds-secret").get();
        for (Namespace namespace : clusters.get(cluster).namespaces().list().getItems()) {
            String name = namespace.getMetadata().getName();
            Secret copy = copy(cluster, name);
            assertThat(copy).as(cluster + " " + name).isNotNull();
            assertThat(copy.getData()).as(cluster + " " + name).isEqualTo(seed.getData());
            ServiceAccount account = clusters.get(cluster).serviceAccounts().inNamespace(name).withName("default").get();
            assertThat(account).as(cluster + " " + name + " default ServiceAccount").isNotNull();
            assertThat(account.getImagePullSecrets()).as(cluster + " " + name)
                    .anySatisfy(reference -> assertThat(reference.getName()).isEqualTo(COPY));
        }
    }

    private static Secret copy(String cluster, String namespace) {
        return clusters.get(cluster).secrets().inNamespace(namespace).withName(COPY).get();
    }

    /** What a user types: {@code kubectl create secret docker-registry}, applied over the last one. */
    private static void createSeed(String cluster, String password) {
        passwords.add(password);
        String seed = run("kubectl", "--kubeconfig", contexts.get(cluster), "create", "secret", "docker-registry",
                "registry-creds-secret", "-n", "kube-system", "--docker-server=https://index.docker.io/v1/",
                "--docker-username=flotilla", "--docker-password=" + password, "--dry-run=client", "-o", "yaml");
        Path file = work.resolve("seed-" + cluster + ".yaml");
        try {
            Files.writeString(file, seed);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        run("kubectl", "--kubeconfig", contexts.get(cluster), "apply", "-f", file.toString());
    }

    private static void connect(String cluster, Path kubeconfig, String context) {
        Path own = work.resolve("kubeconfig-" + cluster);
        try {
            Files.writeString(own, Files.readString(kubeconfig));
            run("kubectl", "--kubeconfig", own.toString(), "config", "use-context", context);
            clusters.put(cluster, EndToEndFleet.client(kubeconfig, context));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        contexts.put(cluster, own.toString());
    }

    /** Every row of every table of the stack's database, as text. */
    private static String everyRow() throws SQLException {
        StringBuilder rows = new StringBuilder();
        try (Connection connection = PostgresServer.shared().connect(DATABASE);
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet names = statement.executeQuery("SELECT quote_ident(table_schema) || '.' || "
                    + "quote_ident(table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND "
                    + "table_schema NOT IN ('pg_catalog', 'information_schema')")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet row = statement.executeQuery("SELECT t::text FROM " + table + " t")) {
                    while (row.next()) {
                        rows.append(row.getString(1)).append('\n');
                    }
                }
            }
        }
        return rows.toString();
    }

    private static String headers(ConsumerRecord<String, String> record) {
        StringBuilder text = new StringBuilder();
        for (Header header : record.headers()) {
            text.append(' ').append(header.key()).append('=')
                    .append(header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
