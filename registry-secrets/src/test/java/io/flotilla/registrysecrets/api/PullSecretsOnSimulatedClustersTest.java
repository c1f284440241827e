package io.flotilla.registrysecrets.api;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.flotilla.embedded.clusters.SimulatedCluster;
import io.flotilla.embedded.clusters.SimulatedFleet;
import io.flotilla.registrysecrets.pullsecret.ClusterPullSecretDefinition;
import io.flotilla.registrysecrets.pullsecret.OptOut;
import io.flotilla.registrysecrets.pullsecret.SeedDigest;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * registry-creds users' steps on two simulated clusters, dev and prod: a seed made with {@code kubectl create secret
 * docker-registry}, a {@code ClusterPullSecret} applied with kubectl, and what they then find in every namespace
 * and in {@code GET /api/pull-secrets}.
 */
@QuarkusTest
@WithTestResource(ClustersTestResource.class)
@WithTestResource(KafkaTestResource.class)
@SuppressWarnings("unchecked")
class PullSecretsOnSimulatedClustersTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> CLUSTERS = List.of("dev", "prod");
    /** flotilla.pull-secrets.exclude-namespaces in the test profile. */
    private static final List<String> EXCLUDED = List.of("excluded-by-config", "also-excluded");
    private static final List<String> PASSWORDS = new ArrayList<>();
    private static Path kubeconfig;

    @BeforeAll
    static void writeKubeconfig() throws IOException {
        kubeconfig = Files.createTempFile("registry-secrets-kubectl-", ".yaml");
        fleet().writeKubeconfig(kubeconfig);
    }

    @AfterAll
    static void noPasswordInTheLog() throws IOException {
        String log = Files.readString(Path.of("target/registry-secrets-test.log"));
        assertThat(log).contains("created in namespace");
        for (String password : PASSWORDS) {
            assertThat(log).doesNotContain(password).doesNotContain(base64(password));
        }
        Files.deleteIfExists(kubeconfig);
    }

    @Test
    void theServiceInstallsTheClusterPullSecretDefinitionOnEveryCluster() {
        for (String cluster : CLUSTERS) {
            await().atMost(WAIT).until(() -> client(cluster).apiextensions().v1().customResourceDefinitions()
                    .withName(ClusterPullSecretDefinition.NAME).get() != null);
        }
    }

    @Test
    void theSeedIsCopiedIntoEveryNamespaceAndListedByItsDefaultServiceAccount() throws Exception {
        for (String cluster : CLUSTERS) {
            client(cluster).namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-a")
                    .endMetadata().build()).create();
            listOnDefaultServiceAccount(cluster, "team-a", "team-a-own");
            String password = password("hub");
            createSeed(cluster, "kube-system", "hub-seed", password);
            applyClusterPullSecret(cluster, "dockerhub", "kube-system", "hub-seed");
        }
        for (String cluster : CLUSTERS) {
            Secret seed = client(cluster).secrets().inNamespace("kube-system").withName("hub-seed").get();
            await().atMost(WAIT).untilAsserted(() -> {
                for (String namespace : namespaces(cluster)) {
                    Secret copy = client(cluster).secrets().inNamespace(namespace).withName("dockerhub-registrycreds")
                            .get();
                    assertThat(copy).as(cluster + " " + namespace).isNotNull();
                    assertThat(copy.getType()).isEqualTo("kubernetes.io/dockerconfigjson");
                    assertThat(copy.getData()).isEqualTo(seed.getData());
                    assertThat(pullSecrets(cluster, namespace)).contains("dockerhub-registrycreds");
                }
            });
            // Other tests' ClusterPullSecrets reach team-a too: the entry already there stays first.
            assertThat(pullSecrets(cluster, "team-a")).startsWith("team-a-own").contains("dockerhub-registrycreds");
            await().atMost(WAIT).untilAsserted(() -> {
                Map<String, Object> coverage = coverage(cluster, "dockerhub");
                assertThat(coverage.get("seed")).isEqualTo("kube-system/hub-seed");
                assertThat(coverage.get("seedDigest")).isEqualTo(SeedDigest.of(seed.getData()));
                assertThat(coverage.get("namespacesCovered")).isEqualTo(coverage.get("namespacesTotal"));
                assertThat((Integer) coverage.get("namespacesTotal")).isGreaterThanOrEqualTo(5);
                assertThat((List<?>) coverage.get("errors")).isEmpty();
            });
        }
    }

    @Test
    void aNamespaceCreatedLaterGetsItsCopy() throws Exception {
        createSeed("dev", "kube-system", "late-seed", password("late"));
        applyClusterPullSecret("dev", "late", "kube-system", "late-seed");
        await().atMost(WAIT).until(() -> copy("dev", "default", "late-registrycreds") != null);

        kubectl("dev", "create", "namespace", "arrived-later");

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(copy("dev", "arrived-later", "late-registrycreds")).isNotNull();
            assertThat(pullSecrets("dev", "arrived-later")).contains("late-registrycreds");
        });
    }

    @Test
    void aRotatedSeedUpdatesEveryCopy() throws Exception {
        createSeed("prod", "kube-system", "rotating-seed", password("old"));
        applyClusterPullSecret("prod", "rotating", "kube-system", "rotating-seed");
        await().atMost(WAIT).until(() -> copy("prod", "default", "rotating-registrycreds") != null);

        String rotated = kubectl("prod", "create", "secret", "docker-registry", "rotating-seed", "-n", "kube-system",
                "--docker-server=registry.example.com", "--docker-username=robot",
                "--docker-password=" + password("new"), "--dry-run=client", "-o", "yaml");
        kubectlWithInput("prod", rotated, "apply", "-f", "-");
        Secret seed = client("prod").secrets().inNamespace("kube-system").withName("rotating-seed").get();

        await().atMost(WAIT).untilAsserted(() -> {
            for (String namespace : namespaces("prod")) {
                assertThat(copy("prod", namespace, "rotating-registrycreds").getData()).as(namespace)
                        .isEqualTo(seed.getData());
            }
            assertThat(coverage("prod", "rotating").get("seedDigest")).isEqualTo(SeedDigest.of(seed.getData()));
        });
    }

    @Test
    void aNamespaceOptedOutAsRegistryCredsSaysGetsNoCopy() throws Exception {
        kubectl("dev", "create", "namespace", "private");
        kubectl("dev", "annotate", "namespace", "private", OptOut.ANNOTATION + "=1");
        createSeed("dev", "kube-system", "skip-seed", password("skip"));
        applyClusterPullSecret("dev", "skipping", "kube-system", "skip-seed");

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(copy("dev", "default", "skipping-registrycreds")).isNotNull();
            assertThat(coverage("dev", "skipping").get("namespacesCovered")).isNotNull();
            assertThat((List<Object>) clusterShown("dev").get("namespacesOptedOut")).contains("private");
        });
        assertThat(copy("dev", "private", "skipping-registrycreds")).isNull();
    }

    @Test
    void aMissingOrWrongTypeSeedIsReportedByNameAndLeavesNoCopy() throws Exception {
        applyClusterPullSecret("prod", "nowhere", "kube-system", "no-such-seed");
        kubectl("prod", "create", "secret", "generic", "opaque-seed", "-n", "kube-system",
                "--from-literal=password=" + password("opaque"));
        applyClusterPullSecret("prod", "opaque", "kube-system", "opaque-seed");

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat((List<Object>) coverage("prod", "nowhere").get("errors")).containsExactly(
                    "ClusterPullSecret nowhere: its seed Secret kube-system/no-such-seed does not exist; "
                            + "existing copies are left as they are");
            assertThat((List<Object>) coverage("prod", "opaque").get("errors")).containsExactly(
                    "ClusterPullSecret opaque: its seed Secret kube-system/opaque-seed is of type Opaque, not "
                            + "kubernetes.io/dockerconfigjson; existing copies are left as they are");
        });
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(ready("prod", "nowhere")).containsEntry("status", "False")
                    .containsEntry("reason", "SeedNotFound");
            assertThat(ready("prod", "opaque")).containsEntry("status", "False")
                    .containsEntry("reason", "SeedNotDockerConfigJson");
        });
        assertThat(ready("prod", "nowhere").get("message")).isEqualTo("ClusterPullSecret nowhere: its seed Secret "
                + "kube-system/no-such-seed does not exist; existing copies are left as they are");
        assertThat(copy("prod", "default", "nowhere-registrycreds")).isNull();
        assertThat(copy("prod", "default", "opaque-registrycreds")).isNull();
    }

    @Test
    void aTerminatingNamespaceIsSkippedAndTheClusterPullSecretSaysItIsReady() throws Exception {
        kubectl("dev", "create", "namespace", "going-away");
        cluster("dev").terminateNamespace("going-away");
        createSeed("dev", "kube-system", "ready-seed", password("ready"));
        applyClusterPullSecret("dev", "ready", "kube-system", "ready-seed");

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(ready("dev", "ready")).containsEntry("status", "True").containsEntry("reason", "Synced");
            Map<String, Object> coverage = coverage("dev", "ready");
            assertThat(coverage.get("namespacesCovered")).isEqualTo(coverage.get("namespacesTotal"));
        });
        assertThat(copy("dev", "default", "ready-registrycreds")).isNotNull();
        assertThat(copy("dev", "going-away", "ready-registrycreds")).isNull();
        Map<String, Object> status = (Map<String, Object>) client("dev").genericKubernetesResources(
                "ops.alexellis.io/v1", "ClusterPullSecret").withName("ready").get().getAdditionalProperties()
                .get("status");
        assertThat(status.get("seedDigest")).isEqualTo(coverage("dev", "ready").get("seedDigest"));
    }

    @Test
    void aServiceAccountAdmissionRefusesIsReportedForItsNamespaceAndTheOthersGetTheirCopies() throws Exception {
        kubectl("dev", "create", "namespace", "policed");
        client("dev").serviceAccounts().inNamespace("policed").resource(new ServiceAccountBuilder().withNewMetadata()
                .withName("default").endMetadata().build()).createOr(NonDeletingOperation::update);
        cluster("dev").refuseWrites("serviceaccounts", "policed", "policy.example.com",
                "default service accounts are managed by the platform team");
        try {
            createSeed("dev", "kube-system", "policed-seed", password("policed"));
            applyClusterPullSecret("dev", "policed", "kube-system", "policed-seed");
            String refusal = "namespace policed: ServiceAccount default could not list policed-registrycreds (403 "
                    + "Forbidden: admission webhook \"policy.example.com\" denied the request: default service "
                    + "accounts are managed by the platform team)";

            await().atMost(WAIT).untilAsserted(() -> {
                Map<String, Object> coverage = coverage("dev", "policed");
                assertThat((List<Object>) coverage.get("errors")).containsExactly(refusal);
                assertThat((Integer) coverage.get("namespacesCovered"))
                        .isEqualTo((Integer) coverage.get("namespacesTotal") - 1);
                assertThat(ready("dev", "policed")).containsEntry("status", "False")
                        .containsEntry("reason", "NamespacesFailed")
                        .containsEntry("message", "1 of " + coverage.get("namespacesTotal")
                                + " namespaces not covered: " + refusal);
            });
            for (String namespace : namespaces("dev")) {
                if (!namespace.equals("policed")) {
                    assertThat(copy("dev", namespace, "policed-registrycreds")).as(namespace).isNotNull();
                    assertThat(pullSecrets("dev", namespace)).as(namespace).contains("policed-registrycreds");
                }
            }
            assertThat(pullSecrets("dev", "policed")).doesNotContain("policed-registrycreds");
        } finally {
            // The other tests count every namespace of dev: this one goes with its refusal.
            cluster("dev").acceptWrites("serviceaccounts", "policed");
            kubectl("dev", "delete", "namespace", "policed");
        }
    }

    /** The Ready condition a ClusterPullSecret's status carries, as kubectl get -o yaml shows it. */
    private static Map<String, Object> ready(String cluster, String name) {
        Object status = client(cluster).genericKubernetesResources("ops.alexellis.io/v1", "ClusterPullSecret")
                .withName(name).get().getAdditionalProperties().get("status");
        assertThat(status).as(cluster + " " + name + " status").isInstanceOf(Map.class);
        List<Map<String, Object>> conditions = (List<Map<String, Object>>) ((Map<String, Object>) status)
                .get("conditions");
        return conditions.stream().filter(condition -> "Ready".equals(condition.get("type"))).findFirst()
                .orElseThrow();
    }

    @Test
    void theApiShowsDigestsAndNeverASeedsValue() throws Exception {
        String password = password("shown");
        createSeed("dev", "kube-system", "shown-seed", password);
        applyClusterPullSecret("dev", "shown", "kube-system", "shown-seed");
        await().atMost(WAIT).until(() -> copy("dev", "default", "shown-registrycreds") != null);
        await().atMost(WAIT).until(() -> coverage("dev", "shown").get("seedDigest") != null);

        String body = asAdmin().get("/api/pull-secrets").then().statusCode(200).extract().asString();

        assertThat(body).contains("sha256:");
        for (String any : PASSWORDS) {
            assertThat(body).doesNotContain(any).doesNotContain(base64(any));
        }
        Secret seed = client("dev").secrets().inNamespace("kube-system").withName("shown-seed").get();
        assertThat(body).doesNotContain(seed.getData().get(".dockerconfigjson"));
    }

    @Test
    void aNamespaceExcludedInTheConfigurationGetsNoCopy() throws Exception {
        kubectl("dev", "create", "namespace", "excluded-by-config");
        createSeed("dev", "kube-system", "config-seed", password("config"));
        applyClusterPullSecret("dev", "configured", "kube-system", "config-seed");

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(copy("dev", "default", "configured-registrycreds")).isNotNull();
            Map<String, Object> coverage = coverage("dev", "configured");
            assertThat((List<Object>) clusterShown("dev").get("namespacesExcluded")).contains("excluded-by-config");
            assertThat(coverage.get("namespacesCovered")).isEqualTo(coverage.get("namespacesTotal"));
        });
        assertThat(copy("dev", "excluded-by-config", "configured-registrycreds")).isNull();
        assertThat(pullSecrets("dev", "excluded-by-config")).doesNotContain("configured-registrycreds");
    }

    @Test
    void aRemovedClusterPullSecretTakesAwayItsCopiesAndTheirEntriesAndNothingElse() throws Exception {
        kubectl("prod", "create", "namespace", "keeps-its-own");
        listOnDefaultServiceAccount("prod", "keeps-its-own", "own-registry");
        // A Secret of the same name that the user made where Flotilla copies nothing, listed by hand.
        kubectl("prod", "create", "namespace", "also-excluded");
        createSeed("prod", "also-excluded", "leaving-registrycreds", password("own"));
        listOnDefaultServiceAccount("prod", "also-excluded", "leaving-registrycreds");
        Secret usersOwn = copy("prod", "also-excluded", "leaving-registrycreds");
        createSeed("prod", "kube-system", "leaving-seed", password("leaving"));
        createSeed("prod", "kube-system", "staying-seed", password("staying"));
        applyClusterPullSecret("prod", "leaving", "kube-system", "leaving-seed");
        applyClusterPullSecret("prod", "staying", "kube-system", "staying-seed");
        await().atMost(WAIT).untilAsserted(() -> {
            for (String namespace : namespaces("prod")) {
                assertThat(pullSecrets("prod", namespace)).as(namespace)
                        .contains("leaving-registrycreds", "staying-registrycreds");
            }
        });

        kubectl("prod", "delete", "clusterpullsecret", "leaving");

        await().atMost(WAIT).untilAsserted(() -> {
            for (String namespace : namespaces("prod")) {
                assertThat(copy("prod", namespace, "leaving-registrycreds")).as(namespace).isNull();
                assertThat(pullSecrets("prod", namespace)).as(namespace).doesNotContain("leaving-registrycreds")
                        .contains("staying-registrycreds");
                assertThat(copy("prod", namespace, "staying-registrycreds")).as(namespace).isNotNull();
            }
        });
        assertThat(pullSecrets("prod", "keeps-its-own")).startsWith("own-registry");
        assertThat(copy("prod", "also-excluded", "leaving-registrycreds").getData()).isEqualTo(usersOwn.getData());
        assertThat(pullSecrets("prod", "also-excluded")).containsExactly("leaving-registrycreds");
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath body = asAdmin().get("/api/pull-secrets").then().statusCode(200).extract().jsonPath();
            assertThat(body.getList("find { it.cluster == 'prod' }.pullSecrets.name", String.class))
                    .contains("staying").doesNotContain("leaving");
            assertThat(body.getList("find { it.cluster == 'prod' }.removalErrors", String.class)).isEmpty();
        });
    }

    private static Map<String, Object> coverage(String cluster, String pullSecret) {
        JsonPath body = asAdmin().get("/api/pull-secrets").then().statusCode(200).extract().jsonPath();
        Map<String, Object> found = body.getMap("find { it.cluster == '" + cluster + "' }.pullSecrets.find { it.name == '"
                + pullSecret + "' }");
        assertThat(found).as(cluster + " " + pullSecret).isNotNull();
        return found;
    }

    private static Map<String, Object> clusterShown(String cluster) {
        JsonPath body = asAdmin().get("/api/pull-secrets").then().statusCode(200).extract().jsonPath();
        Map<String, Object> found = body.getMap("find { it.cluster == '" + cluster + "' }");
        assertThat(found).as(cluster).isNotNull();
        return found;
    }

    private static List<String> namespaces(String cluster) {
        return client(cluster).namespaces().list().getItems().stream().filter(namespace -> !OptOut.optedOut(namespace))
                .map(namespace -> namespace.getMetadata().getName()).filter(name -> !EXCLUDED.contains(name))
                .toList();
    }

    private static Secret copy(String cluster, String namespace, String name) {
        return client(cluster).secrets().inNamespace(namespace).withName(name).get();
    }

    private static List<String> pullSecrets(String cluster, String namespace) {
        ServiceAccount account = client(cluster).serviceAccounts().inNamespace(namespace).withName("default").get();
        if (account == null || account.getImagePullSecrets() == null) {
            return List.of();
        }
        return account.getImagePullSecrets().stream().map(LocalObjectReference::getName).toList();
    }

    private static void createSeed(String cluster, String namespace, String name, String password) throws Exception {
        kubectl(cluster, "create", "secret", "docker-registry", name, "-n", namespace,
                "--docker-server=registry.example.com", "--docker-username=robot", "--docker-password=" + password,
                "--docker-email=robot@example.com");
    }

    private static void applyClusterPullSecret(String cluster, String name, String seedNamespace, String seedName)
            throws Exception {
        await().atMost(WAIT).until(() -> client(cluster).apiextensions().v1().customResourceDefinitions()
                .withName(ClusterPullSecretDefinition.NAME).get() != null);
        kubectlWithInput(cluster, """
                apiVersion: ops.alexellis.io/v1
                kind: ClusterPullSecret
                metadata:
                  name: %s
                spec:
                  secretRef:
                    name: %s
                    namespace: %s
                """.formatted(name, seedName, seedNamespace), "apply", "-f", "-");
    }

    /** A password of its own per test, remembered to be looked for where it must not be. */
    private static String password(String hint) {
        String password = "pw-" + hint + "-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        PASSWORDS.add(password);
        return password;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String kubectl(String cluster, String... arguments) throws Exception {
        return kubectlWithInput(cluster, null, arguments);
    }

    /** Runs kubectl against the simulated cluster: its output, trimmed; fails the test when kubectl fails. */
    private static String kubectlWithInput(String cluster, String input, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(),
                "--context", cluster));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (input != null) {
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
        return output;
    }

    /**
     * The namespace's default ServiceAccount written by hand with one pull secret listed; written again when Flotilla
     * changed it between the client's read and its write (409 Conflict), as a user would.
     */
    private static void listOnDefaultServiceAccount(String cluster, String namespace, String pullSecret) {
        await().atMost(WAIT).until(() -> {
            try {
                client(cluster).serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder()
                        .withNewMetadata().withName("default").endMetadata().addNewImagePullSecret(pullSecret)
                        .build()).createOr(NonDeletingOperation::update);
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                return false;
            }
        });
    }

    private static KubernetesClient client(String cluster) {
        return cluster(cluster).client();
    }

    private static SimulatedCluster cluster(String name) {
        return fleet().cluster(name);
    }

    private static SimulatedFleet fleet() {
        return ClustersTestResource.fleet();
    }
}
