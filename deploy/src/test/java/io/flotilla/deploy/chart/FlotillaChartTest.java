package io.flotilla.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flotilla.embedded.clusters.SimulatedFleet;

/**
 * Flotilla's own chart ({@code deploy/chart/flotilla}), rendered by real Helm for the value sets a user would give,
 * and installed by real Helm into a simulated cluster.
 */
class FlotillaChartTest {

    private static final Path CHART = Path.of("chart", "flotilla");
    private static final List<String> SERVICES = List.of("applier", "git-watcher", "image-updater", "observer",
            "registry-secrets", "renderer");
    private static final String KEY = "tgrRK6rCUTEixDLMY+oudxtGkjk9qTVEqQKhFLKT1Vc=";
    private static final String SECRET_KEYS = "k2:" + KEY + "\nk1:" + KEY;
    /** What every installation must say: Kafka, PostgreSQL, the fleet repository, the secret keys. */
    private static final Map<String, String> REQUIRED = Map.of(
            "kafka.bootstrapServers", "fleet-kafka-bootstrap.kafka:9092",
            "postgresql.address", "postgres.db:5432/flotilla",
            "fleet.repository", "https://git.example.com/platform/fleet.git",
            "secretKeys.value", SECRET_KEYS);

    @Test
    void helmLintsTheChartWithoutFailure() {
        assertThat(new Helm(CHART).lint().call().isFailed()).isFalse();
    }

    @Test
    void theRequiredValuesGiveEveryServiceADeploymentThatRunsAsNonRootOnAReadOnlyFilesystem() {
        List<HasMetadata> objects = render(REQUIRED);

        assertThat(names(objects, "Deployment")).containsExactlyInAnyOrderElementsOf(prefixed(SERVICES));
        assertThat(names(objects, "Service")).containsExactlyInAnyOrderElementsOf(prefixed(SERVICES));
        assertThat(names(objects, "ServiceAccount")).containsExactlyInAnyOrderElementsOf(prefixed(SERVICES));
        assertThat(names(objects, "PodDisruptionBudget")).containsExactlyInAnyOrderElementsOf(prefixed(SERVICES));
        for (Deployment deployment : of(objects, Deployment.class)) {
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getImage()).matches("flotilla/[a-z-]+:0\\.1\\.0");
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(container.getVolumeMounts()).anySatisfy(mount -> assertThat(mount.getMountPath())
                    .isEqualTo("/tmp"));
            assertThat(container.getEnv()).as("cluster credentials are sealed with the secret keys")
                    .extracting(EnvVar::getName).doesNotContain("FLOTILLA_CLUSTERS_CREDENTIALS_KEY");
            assertThat(container.getEnv()).filteredOn(variable -> variable.getName().equals("FLOTILLA_SECRETS_KEYS_FILE"))
                    .extracting(EnvVar::getValue).containsExactly("/etc/flotilla/secret-keys/keys");
            assertThat(container.getVolumeMounts()).anySatisfy(mount -> {
                assertThat(mount.getMountPath()).isEqualTo("/etc/flotilla/secret-keys");
                assertThat(mount.getReadOnly()).isTrue();
            });
            assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(volume -> volume.getSecret()
                    != null).extracting(volume -> volume.getSecret().getSecretName())
                    .contains("fleet-flotilla-secret-keys");
        }
        Map<String, Secret> secrets = new HashMap<>();
        of(objects, Secret.class).forEach(secret -> secrets.put(secret.getMetadata().getName(), secret));
        assertThat(secrets).containsOnlyKeys("fleet-flotilla-secret-keys");
        assertThat(secrets.get("fleet-flotilla-secret-keys").getData()).containsEntry("keys",
                Base64.getEncoder().encodeToString(SECRET_KEYS.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void eachServiceGetsItsOwnSettingsWithProducersThatWaitForEveryReplicaAndNoSecretInThem() {
        Map<String, Properties> settings = settings(render(REQUIRED));

        assertThat(settings.keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);
        for (Properties service : settings.values()) {
            assertThat(service).containsEntry("kafka.bootstrap.servers", "fleet-kafka-bootstrap.kafka:9092")
                    .containsEntry("kafka.acks", "all")
                    .containsEntry("kafka.enable.idempotence", "true")
                    .containsEntry("flotilla.topic-replication-factor", "3")
                    .containsEntry("flotilla.topic-min-insync-replicas", "2")
                    .containsEntry("kafka.security.protocol", "PLAINTEXT");
            assertThat(service.values()).noneMatch(value -> value.toString().contains(KEY));
        }
        for (String service : List.of("observer", "git-watcher", "applier")) {
            assertThat(settings.get(service)).containsEntry("quarkus.datasource.reactive.url",
                    "postgresql://postgres.db:5432/flotilla");
        }
        assertThat(settings.get("renderer")).doesNotContainKey("quarkus.datasource.reactive.url")
                .containsEntry("flotilla.renderer.render-threads", "2");
        assertThat(settings.get("git-watcher")).containsEntry("flotilla.git.repository",
                "https://git.example.com/platform/fleet.git").containsEntry("flotilla.git.branch", "main");
        assertThat(settings.get("observer")).containsEntry("flotilla.clusters.secrets.enabled", "true")
                .containsEntry("flotilla.clusters.secrets.namespace", "flotilla")
                .containsEntry("flotilla.images.automations-url",
                        "http://fleet-flotilla-image-updater:8080/api/automations")
                .containsEntry("flotilla.applier.url", "http://fleet-flotilla-applier:8080");
    }

    @Test
    void aStrimziBrokerWithTlsAndScramIsReachedWithItsCaAndTheUsersPasswordFromItsSecret() {
        Map<String, String> values = new HashMap<>(REQUIRED);
        values.putAll(Map.of("kafka.tls.enabled", "true", "kafka.tls.caSecret", "fleet-cluster-ca-cert",
                "kafka.sasl.mechanism", "SCRAM-SHA-512", "kafka.sasl.secretName", "flotilla-user",
                "kafka.sasl.username", "flotilla-user", "postgresql.existingSecret", "flotilla-db"));
        List<HasMetadata> objects = render(values);

        Properties applier = settings(objects).get("applier");
        assertThat(applier).containsEntry("kafka.security.protocol", "SASL_SSL")
                .containsEntry("kafka.sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule"
                        + " required username=\"flotilla-user\" password=\"${KAFKA_PASSWORD}\";")
                .containsEntry("kafka.ssl.truststore.type", "PEM")
                .containsEntry("kafka.ssl.truststore.location", "/etc/flotilla/kafka-ca/ca.crt")
                .containsEntry("quarkus.datasource.password", "${POSTGRES_PASSWORD}");
        Deployment deployment = deployment(objects, "applier");
        Map<String, EnvVar> env = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .stream().collect(Collectors.toMap(EnvVar::getName, variable -> variable));
        assertThat(env.get("KAFKA_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo("flotilla-user");
        assertThat(env.get("POSTGRES_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo("flotilla-db");
        // The image-updater keeps nothing in PostgreSQL, but its instances pass registry webhooks on through it.
        assertThat(settings(objects).get("image-updater"))
                .containsEntry("flotilla.images.push-notices.url", "postgresql://" + REQUIRED.get("postgresql.address"))
                .containsEntry("flotilla.images.push-notices.password", "${POSTGRES_PASSWORD}")
                .doesNotContainKey("quarkus.datasource.reactive.url");
        assertThat(deployment(objects, "image-updater").getSpec().getTemplate().getSpec().getContainers().get(0)
                .getEnv()).anySatisfy(variable -> assertThat(variable.getName()).isEqualTo("POSTGRES_PASSWORD"));
        assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes()).anySatisfy(volume -> assertThat(
                volume.getSecret() == null ? null : volume.getSecret().getSecretName())
                .isEqualTo("fleet-cluster-ca-cert"));
    }

    @Test
    void theIngressSendsRegistryHooksToTheImageUpdaterGitHooksToGitWatcherAndTheRestToTheDashboard() {
        Map<String, String> values = new HashMap<>(REQUIRED);
        values.putAll(Map.of("ingress.enabled", "true", "ingress.host", "flotilla.platform.example"));
        Ingress ingress = of(render(values), Ingress.class).get(0);

        assertThat(ingress.getSpec().getRules().get(0).getHost()).isEqualTo("flotilla.platform.example");
        assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths())
                .extracting(HTTPIngressPath::getPath, path -> path.getBackend().getService().getName())
                .containsExactly(
                        tuple("/hooks/registry", "fleet-flotilla-image-updater"),
                        tuple("/hooks", "fleet-flotilla-git-watcher"),
                        tuple("/", "fleet-flotilla-observer"));
    }

    @Test
    void theServicesBehindTheIngressBelieveItsForwardedSchemeAndClientTheOthersDoNot() {
        Map<String, String> values = new HashMap<>(REQUIRED);
        values.putAll(Map.of("ingress.enabled", "true", "ingress.tls.enabled", "true",
                "ingress.tls.secretName", "flotilla-tls"));
        Map<String, Properties> settings = settings(render(values));

        for (String service : List.of("observer", "git-watcher", "image-updater")) {
            assertThat(settings.get(service)).as(service)
                    .containsEntry("quarkus.http.proxy.proxy-address-forwarding", "true")
                    .containsEntry("quarkus.http.proxy.allow-x-forwarded", "true");
        }
        for (String service : List.of("renderer", "applier")) {
            assertThat(settings.get(service)).as(service)
                    .doesNotContainKey("quarkus.http.proxy.proxy-address-forwarding");
        }
        assertThat(settings(render(REQUIRED)).get("observer")).as("no Ingress")
                .doesNotContainKey("quarkus.http.proxy.proxy-address-forwarding");
    }

    @Test
    void anInstallationFromBeforeTheKeyRingKeepsItsCredentialsKeyForEveryService() {
        Map<String, String> values = new HashMap<>(REQUIRED);
        values.put("credentialsKey.value", KEY);
        List<HasMetadata> objects = render(values);

        Secret key = of(objects, Secret.class).stream()
                .filter(secret -> secret.getMetadata().getName().equals("fleet-flotilla-credentials-key")).findFirst()
                .orElseThrow();
        assertThat(key.getData()).containsEntry("credentials-key",
                Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8)));
        for (Deployment deployment : of(objects, Deployment.class)) {
            assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                    .filteredOn(variable -> variable.getName().equals("FLOTILLA_CLUSTERS_CREDENTIALS_KEY"))
                    .extracting(variable -> variable.getValueFrom().getSecretKeyRef().getName())
                    .containsExactly("fleet-flotilla-credentials-key");
        }
    }

    @Test
    void aServiceTurnedOffHasNoObjectsAndAnExistingKeySecretIsUsedAsItIs() {
        Map<String, String> values = new HashMap<>(REQUIRED);
        values.remove("secretKeys.value");
        values.putAll(Map.of("services.image-updater.enabled", "false", "credentialsKey.existingSecret", "sealed",
                "secretKeys.existingSecret", "key-ring"));
        List<HasMetadata> objects = render(values);

        assertThat(names(objects, "Deployment")).doesNotContain("fleet-flotilla-image-updater").hasSize(5);
        assertThat(of(objects, Secret.class)).isEmpty();
        assertThat(deployment(objects, "observer").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .filteredOn(variable -> variable.getName().equals("FLOTILLA_CLUSTERS_CREDENTIALS_KEY"))
                .extracting(variable -> variable.getValueFrom().getSecretKeyRef().getName())
                .containsExactly("sealed");
        assertThat(deployment(objects, "renderer").getSpec().getTemplate().getSpec().getVolumes())
                .filteredOn(volume -> volume.getSecret() != null).extracting(volume -> volume.getSecret().getSecretName())
                .contains("key-ring");
    }

    @Test
    void theServicesThatFetchSourcesMayGetSourceSecretsInFlotillasNamespaceAndTheOnesListedAndNothingElseMay() {
        Map<String, String> values = new HashMap<>(REQUIRED);
        values.put("sourceSecrets.namespaces[0]", "flux-system");
        List<HasMetadata> objects = render(values);

        List<Role> roles = of(objects, Role.class).stream()
                .filter(role -> role.getMetadata().getName().equals("fleet-flotilla-source-secrets")).toList();
        assertThat(roles).extracting(role -> role.getMetadata().getNamespace())
                .containsExactlyInAnyOrder("flotilla", "flux-system");
        assertThat(roles).allSatisfy(role -> assertThat(role.getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getResources()).containsExactly("secrets");
            assertThat(rule.getVerbs()).containsExactly("get");
        }));
        assertThat(of(objects, RoleBinding.class).stream()
                .filter(binding -> binding.getMetadata().getName().equals("fleet-flotilla-source-secrets"))
                .flatMap(binding -> binding.getSubjects().stream()).map(Subject::getName).distinct())
                .containsExactlyInAnyOrder("fleet-flotilla-git-watcher", "fleet-flotilla-renderer",
                        "fleet-flotilla-image-updater");
        Map<String, Properties> settings = settings(objects);
        assertThat(settings.get("renderer")).containsEntry("flotilla.source-secrets.home-cluster", "true");
        assertThat(settings.get("git-watcher")).containsEntry("flotilla.source-secrets.home-cluster", "true");
        assertThat(settings.get("image-updater")).containsEntry("flotilla.source-secrets.home-cluster", "true");
        assertThat(settings.get("applier")).doesNotContainKey("flotilla.source-secrets.home-cluster");
        assertThat(deployment(objects, "renderer").getSpec().getTemplate().getSpec().getAutomountServiceAccountToken())
                .isTrue();
        assertThat(deployment(objects, "applier").getSpec().getTemplate().getSpec().getAutomountServiceAccountToken())
                .isFalse();
    }

    @Test
    void missingRequiredValuesAreNamedWithWhatToGive() {
        Map<String, String> noKafka = new HashMap<>(REQUIRED);
        noKafka.remove("kafka.bootstrapServers");
        assertThatThrownBy(() -> render(noKafka)).hasMessageContaining("kafka.bootstrapServers is required");
        Map<String, String> noSecretKeys = new HashMap<>(REQUIRED);
        noSecretKeys.remove("secretKeys.value");
        assertThatThrownBy(() -> render(noSecretKeys))
                .hasMessageContaining("secretKeys.existingSecret or secretKeys.value is required");
    }

    @Test
    void theSchemaRefusesValuesThatCannotWork() {
        Map<String, String> negativeObservers = new HashMap<>(REQUIRED);
        negativeObservers.put("services.observer.replicas", "-1");
        assertThatThrownBy(() -> render(negativeObservers)).hasMessageContaining("replicas");
        Map<String, String> threeOfEachScaling = new HashMap<>(REQUIRED);
        List<String> sharing = List.of("observer", "git-watcher", "renderer", "applier", "registry-secrets",
                "image-updater");
        sharing.forEach(service -> threeOfEachScaling.put("services." + service + ".replicas", "3"));
        List<HasMetadata> scaled = render(threeOfEachScaling);
        for (String service : sharing) {
            assertThat(deployment(scaled, service).getSpec().getReplicas()).as(service + ": its instances share work")
                    .isEqualTo(3);
        }
        Map<String, String> vaguePoll = new HashMap<>(REQUIRED);
        vaguePoll.put("fleet.pollInterval", "soon");
        assertThatThrownBy(() -> render(vaguePoll)).hasMessageContaining("pollInterval");
    }

    @Test
    void everyServicesJvmGetsTheChartsOptionsUnlessItsOwnTakeTheirPlace() {
        assertThat(jvmOptions(render(REQUIRED))).as("the client compiler alone, by default").containsOnlyKeys(SERVICES)
                .allSatisfy((service, options) -> assertThat(options).isEqualTo("-XX:TieredStopAtLevel=1"));

        Map<String, String> values = new HashMap<>(REQUIRED);
        values.put("services.renderer.jvmOptions", "-XX:TieredStopAtLevel=4");
        values.put("services.observer.jvmOptions", "");
        assertThat(jvmOptions(render(values))).containsEntry("renderer", "-XX:TieredStopAtLevel=4")
                .containsEntry("applier", "-XX:TieredStopAtLevel=1")
                .as("an empty value leaves the JVM's defaults").doesNotContainKey("observer");
    }

    /** JAVA_TOOL_OPTIONS of each service's container, by service; a service without any is left out. */
    private static Map<String, String> jvmOptions(List<HasMetadata> objects) {
        Map<String, String> options = new TreeMap<>();
        for (String service : SERVICES) {
            deployment(objects, service).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .filter(variable -> variable.getName().equals("JAVA_TOOL_OPTIONS"))
                    .forEach(variable -> options.put(service, variable.getValue()));
        }
        return options;
    }

    @Test
    void realHelmInstallsTheChartIntoAClusterThatKeepsEveryObject(@TempDir Path folder) {
        try (SimulatedFleet fleet = SimulatedFleet.start(Map.of("home", Map.of()))) {
            Path kubeconfig = fleet.writeKubeconfig(folder.resolve("kubeconfig"));
            var install = new Helm(CHART).install().withName("fleet").withNamespace("flotilla").createNamespace()
                    .withKubeConfig(kubeconfig);
            REQUIRED.forEach(install::set);
            assertThat(install.call().getStatus()).isEqualTo("deployed");

            var client = fleet.cluster("home").client();
            assertThat(client.apps().deployments().inNamespace("flotilla").list().getItems())
                    .extracting(deployment -> deployment.getMetadata().getName())
                    .containsExactlyInAnyOrderElementsOf(prefixed(SERVICES));
            assertThat(client.rbac().roleBindings().inNamespace("flotilla").withName("fleet-flotilla-observer").get()
                    .getSubjects().get(0).getName()).isEqualTo("fleet-flotilla-observer");
            assertThat(client.configMaps().inNamespace("flotilla").withName("fleet-flotilla-config").get().getData())
                    .containsOnlyKeys(SERVICES.stream().map(service -> service + ".properties").toList());
        }
    }

    private static List<HasMetadata> render(Map<String, String> values) {
        TemplateCommand template = new Helm(CHART).template().withName("fleet").withNamespace("flotilla");
        values.forEach(template::set);
        String manifest = template.call();
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : manifest.split("(?m)^---\\s*$")) {
            if (!document.strip().isEmpty() && document.contains("kind:")) {
                objects.add(Serialization.unmarshal(document, HasMetadata.class));
            }
        }
        return objects;
    }

    private static List<String> prefixed(List<String> services) {
        return services.stream().map(service -> "fleet-flotilla-" + service).toList();
    }

    private static List<String> names(List<HasMetadata> objects, String kind) {
        return objects.stream().filter(object -> kind.equals(object.getKind()))
                .map(object -> object.getMetadata().getName()).toList();
    }

    private static <T extends HasMetadata> List<T> of(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static Deployment deployment(List<HasMetadata> objects, String service) {
        return of(objects, Deployment.class).stream()
                .filter(deployment -> deployment.getMetadata().getName().equals("fleet-flotilla-" + service))
                .findFirst().orElseThrow();
    }

    /** Each service's application.properties from the chart's ConfigMap. */
    private static Map<String, Properties> settings(List<HasMetadata> objects) {
        ConfigMap config = of(objects, ConfigMap.class).get(0);
        return config.getData().entrySet().stream().collect(Collectors.toMap(
                entry -> entry.getKey().replace(".properties", ""), entry -> properties(entry.getValue())));
    }

    private static Properties properties(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }
}
