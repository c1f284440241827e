package io.flotilla.registrysecrets.fleetseed;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.flotilla.clusters.CredentialSeal;
import io.flotilla.clusters.KubeconfigClusters;
import io.flotilla.clusters.RegisteredCluster;
import io.flotilla.events.ClusterRegistered;
import io.flotilla.events.EventCodec;
import io.flotilla.events.PullSecretsSynced;
import io.flotilla.events.Topic;
import io.flotilla.registrysecrets.pullsecret.SeedDigest;
import io.flotilla.testing.fixtures.TestSecretKeys;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Seeds defined once for the fleet: {@code registry} in the configuration (a file, for the clusters labelled
 * {@code env=prod}: prod, and eu-9 once registered) and Secrets labelled {@code flotilla.io/fleet-seed} in the
 * cluster Flotilla runs in; copied, rotated, restored and removed as a {@code ClusterPullSecret}'s copies are, a
 * cluster that stops answering holding up only itself, and the seed's password nowhere but in the copies.
 */
@QuarkusTest
@TestProfile(FleetSeedTopicProfile.class)
@WithTestResource(ClustersTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(FleetSeedsTestResource.class)
@SuppressWarnings("unchecked")
class FleetSeedsOnSimulatedClustersTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String COPY = "registry-registrycreds";
    private static final CredentialSeal SEAL = CredentialSeal.with(TestSecretKeys.RING, Optional.empty());
    private static final List<String> PASSWORDS = new ArrayList<>();

    @AfterAll
    static void noPasswordInTheLog() throws IOException {
        String log = Files.readString(Path.of("target/registry-secrets-test.log"));
        assertThat(log).contains("fleet seed registry");
        assertNoPassword(log, "the service's log");
    }

    @Test
    void theConfiguredSeedReachesEveryNamespaceOfTheClustersItsSelectorMatchesAndNoOther() {
        await().atMost(WAIT).untilAsserted(() -> assertCarriesTheSeedFile(client("prod")));
        assertThat(client("dev").secrets().inNamespace("default").withName(COPY).get()).isNull();
        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Object> coverage = coverage("prod", "registry");
            assertThat(coverage.get("seed")).isEqualTo("registry");
            assertThat(coverage.get("seedDigest")).isEqualTo(seedFileDigest());
            assertThat(coverage.get("namespacesCovered")).isEqualTo(coverage.get("namespacesTotal"));
            assertThat((List<?>) coverage.get("stale")).isEmpty();
        });
    }

    @Test
    void aRotatedSeedFileReachesEveryCopyAndItsPasswordIsInNoTopicLogOrApi() throws Exception {
        await().atMost(WAIT).untilAsserted(() -> assertCarriesTheSeedFile(client("prod")));

        FleetSeedsTestResource.writeSeed(password("rotated"));

        await().atMost(WAIT).untilAsserted(() -> {
            assertCarriesTheSeedFile(client("prod"));
            Map<String, Object> coverage = coverage("prod", "registry");
            assertThat(coverage.get("seedDigest")).isEqualTo(seedFileDigest());
            assertThat((List<?>) coverage.get("stale")).isEmpty();
        });
        try (FlotillaTopics topics = new FlotillaTopics(kafka(), FleetSeedTopicProfile.PREFIX)) {
            await().atMost(WAIT).untilAsserted(() -> {
                PullSecretsSynced latest = null;
                for (ConsumerRecord<String, String> record : topics.all(Topic.PULLSECRETS)) {
                    if ("prod".equals(record.key())) {
                        latest = EventCodec.decode(record.value(), PullSecretsSynced.class).payload();
                    }
                }
                assertThat(latest).isNotNull();
                assertThat(latest.pullSecrets()).anySatisfy(coverage -> {
                    assertThat(coverage.name()).isEqualTo("registry");
                    assertThat(coverage.seedDigest()).isEqualTo(seedFileDigest());
                    assertThat(coverage.namespacesCovered()).isEqualTo(coverage.namespacesTotal());
                });
            });
            StringBuilder everything = new StringBuilder();
            for (Topic topic : Topic.values()) {
                for (ConsumerRecord<String, String> record : topics.all(topic)) {
                    everything.append(record.key()).append('\n').append(record.value()).append('\n');
                    record.headers().forEach(header -> everything.append(new String(header.value())).append('\n'));
                }
            }
            assertThat(everything).contains("sha256:");
            assertNoPassword(everything.toString(), "the topics of " + FleetSeedTopicProfile.PREFIX);
        }
        assertNoPassword(asAdmin().get("/api/pull-secrets").then().statusCode(200).extract().asString(), "the API");
    }

    @Test
    void aDefaultServiceAccountEditedByHandGetsItsEntryBack() {
        KubernetesClient prod = client("prod");
        prod.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("edited-by-hand").endMetadata()
                .build()).create();
        await().atMost(WAIT).until(() -> pullSecrets(prod, "edited-by-hand").contains(COPY));

        prod.serviceAccounts().inNamespace("edited-by-hand").withName("default").edit(account ->
                new ServiceAccountBuilder(account).withImagePullSecrets(new LocalObjectReference("hand-made")).build());

        await().atMost(WAIT).untilAsserted(() -> assertThat(pullSecrets(prod, "edited-by-hand"))
                .containsExactly("hand-made", COPY));
    }

    @Test
    void aSeedKeptInTheHomeClusterReachesItsClustersAndItsRemovalTakesAwayItsCopiesAndEntriesOnly() {
        KubernetesClient dev = client("dev");
        dev.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-b").endMetadata().build())
                .create();
        dev.serviceAccounts().inNamespace("team-b").resource(new ServiceAccountBuilder().withNewMetadata()
                .withName("default").endMetadata().addNewImagePullSecret("team-b-own").build())
                .createOr(NonDeletingOperation::update);
        String password = password("home");
        home().secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata().withName("team-seed")
                .addToLabels("flotilla.io/fleet-seed", "team")
                .addToAnnotations("flotilla.io/cluster-selector", "env in (dev,staging)").endMetadata()
                .withType("kubernetes.io/dockerconfigjson")
                .addToData(".dockerconfigjson", FleetSeedsTestResource.base64(
                        FleetSeedsTestResource.dockerConfig(password))).build()).create();
        Secret seed = home().secrets().inNamespace("default").withName("team-seed").get();

        await().atMost(WAIT).untilAsserted(() -> {
            for (String namespace : namespaces(dev)) {
                Secret copy = dev.secrets().inNamespace(namespace).withName("team-registrycreds").get();
                assertThat(copy).as(namespace).isNotNull();
                assertThat(copy.getData()).isEqualTo(seed.getData());
                assertThat(pullSecrets(dev, namespace)).as(namespace).contains("team-registrycreds");
            }
        });
        assertThat(pullSecrets(dev, "team-b")).startsWith("team-b-own");
        assertThat(client("prod").secrets().inNamespace("default").withName("team-registrycreds").get()).isNull();

        home().secrets().inNamespace("default").withName("team-seed").delete();

        await().atMost(WAIT).untilAsserted(() -> {
            for (String namespace : namespaces(dev)) {
                assertThat(dev.secrets().inNamespace(namespace).withName("team-registrycreds").get()).as(namespace)
                        .isNull();
                assertThat(pullSecrets(dev, namespace)).as(namespace).doesNotContain("team-registrycreds");
            }
        });
        assertThat(pullSecrets(dev, "team-b")).containsExactly("team-b-own");
    }

    @Test
    void aClusterUnreachableDuringARotationHoldsUpOnlyItselfShowsWhatIsStaleAndCatchesUp() throws Exception {
        KubernetesClient eu9 = FleetSeedsTestResource.clusters().cluster("eu-9").client();
        try (FlotillaTopics topics = new FlotillaTopics(kafka(), FleetSeedTopicProfile.PREFIX)) {
            topics.publish("observer", registered("eu-9"));
        }
        await().atMost(WAIT).untilAsserted(() -> assertCarriesTheSeedFile(eu9));
        String before = seedFileDigest();
        FleetSeedsTestResource.clusters().cluster("eu-9").stopAnswering();

        FleetSeedsTestResource.writeSeed(password("while-eu-9-is-away"));

        await().atMost(WAIT).untilAsserted(() -> {
            assertCarriesTheSeedFile(client("prod"));
            assertThat(clusterShown("eu-9").get("error")).isNotNull();
            Map<String, Object> coverage = coverage("eu-9", "registry");
            assertThat(coverage.get("seedDigest")).isEqualTo(seedFileDigest()).isNotEqualTo(before);
            assertThat((List<Object>) coverage.get("stale")).contains("default", "kube-system");
        });

        FleetSeedsTestResource.clusters().cluster("eu-9").answerAgain();

        await().atMost(WAIT).untilAsserted(() -> {
            assertCarriesTheSeedFile(eu9);
            assertThat(clusterShown("eu-9").get("error")).isNull();
            assertThat((List<?>) coverage("eu-9", "registry").get("stale")).isEmpty();
        });
    }

    private static void assertCarriesTheSeedFile(KubernetesClient cluster) throws IOException {
        String data = FleetSeedsTestResource.base64(Files.readString(seedFile()));
        for (String namespace : namespaces(cluster)) {
            Secret copy = cluster.secrets().inNamespace(namespace).withName(COPY).get();
            assertThat(copy).as(namespace).isNotNull();
            assertThat(copy.getType()).isEqualTo("kubernetes.io/dockerconfigjson");
            assertThat(copy.getData()).as(namespace).isEqualTo(Map.of(".dockerconfigjson", data));
            assertThat(pullSecrets(cluster, namespace)).as(namespace).contains(COPY);
        }
    }

    private static String seedFileDigest() throws IOException {
        return SeedDigest.of(Map.of(".dockerconfigjson", FleetSeedsTestResource.base64(Files.readString(seedFile()))));
    }

    private static Path seedFile() {
        return Path.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("flotilla.pull-secrets.fleet-seeds.registry.secret-file", String.class));
    }

    private static void assertNoPassword(String text, String where) throws IOException {
        List<String> passwords = new ArrayList<>(PASSWORDS);
        passwords.add(passwordIn(Files.readString(seedFile())));
        for (String password : passwords) {
            assertThat(text).as(where).doesNotContain(password)
                    .doesNotContain(FleetSeedsTestResource.base64("robot:" + password))
                    .doesNotContain(FleetSeedsTestResource.base64(FleetSeedsTestResource.dockerConfig(password)));
        }
    }

    /** The password of a seed file as {@link FleetSeedsTestResource#dockerConfig} writes it. */
    private static String passwordIn(String dockerConfig) {
        int start = dockerConfig.indexOf("\"password\":\"") + "\"password\":\"".length();
        return dockerConfig.substring(start, dockerConfig.indexOf('"', start));
    }

    private static String password(String hint) {
        String password = "pw-" + hint + "-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        PASSWORDS.add(password);
        return password;
    }

    private static ClusterRegistered registered(String name) {
        RegisteredCluster cluster = KubeconfigClusters.registration(FleetSeedsTestResource.kubeconfig(), name, name,
                Map.of("env", "prod"), "api", Instant.now());
        return new ClusterRegistered(cluster.name(), cluster.labels(), cluster.server(), cluster.source(),
                cluster.registeredAt(), SEAL.seal(cluster.name(), cluster.kubeconfig()));
    }

    private static Map<String, Object> coverage(String cluster, String pullSecret) {
        Map<String, Object> found = api().getMap("find { it.cluster == '" + cluster
                + "' }.pullSecrets.find { it.name == '" + pullSecret + "' }");
        assertThat(found).as(cluster + " " + pullSecret).isNotNull();
        return found;
    }

    private static Map<String, Object> clusterShown(String cluster) {
        Map<String, Object> found = api().getMap("find { it.cluster == '" + cluster + "' }");
        assertThat(found).as(cluster).isNotNull();
        return found;
    }

    private static JsonPath api() {
        return asAdmin().get("/api/pull-secrets").then().statusCode(200).extract().jsonPath();
    }

    private static List<String> namespaces(KubernetesClient cluster) {
        return cluster.namespaces().list().getItems().stream().map(namespace -> namespace.getMetadata().getName())
                .filter(name -> !List.of("excluded-by-config", "also-excluded").contains(name)).toList();
    }

    private static List<String> pullSecrets(KubernetesClient cluster, String namespace) {
        ServiceAccount account = cluster.serviceAccounts().inNamespace(namespace).withName("default").get();
        if (account == null || account.getImagePullSecrets() == null) {
            return List.of();
        }
        return account.getImagePullSecrets().stream().map(LocalObjectReference::getName).toList();
    }

    private static String kafka() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("kafka.bootstrap.servers",
                String.class);
    }

    private static KubernetesClient home() {
        return FleetSeedsTestResource.clusters().cluster("home").client();
    }

    private static KubernetesClient client(String cluster) {
        return ClustersTestResource.fleet().cluster(cluster).client();
    }
}
