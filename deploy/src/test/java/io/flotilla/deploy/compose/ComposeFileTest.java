package io.flotilla.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import io.flotilla.launcher.stack.Service;
import io.flotilla.launcher.stack.ServicePorts;

/**
 * {@code docker-compose.yml} read as compose reads it (YAML merge keys resolved) and held against what the launcher
 * knows: every service, on the port {@code .env} gives it, with what it needs to reach Kafka, PostgreSQL and the
 * other services by their compose names.
 */
class ComposeFileTest {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyServiceTheLauncherStartsIsBuiltFromItsModuleAndListensOnThePortEnvGivesIt() throws IOException {
        Map<String, Map<String, Object>> services = services();
        ServicePorts ports = ServicePorts.read(HOME);

        for (Service service : Service.values()) {
            Map<String, Object> compose = services.get(service.module());
            assertThat(compose).as("compose service %s", service.module()).isNotNull();
            Map<String, Object> build = map(compose.get("build"));
            assertThat(build.get("dockerfile")).isEqualTo("deploy/docker/service.Dockerfile");
            assertThat(map(build.get("args"))).containsEntry("SERVICE", service.module());
            Map<String, Object> environment = map(compose.get("environment"));
            assertThat(environment).containsEntry("QUARKUS_HTTP_PORT", "${" + service.portVariable() + "}")
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                    .containsKey("FLOTILLA_CLUSTERS_CREDENTIALS_KEY").containsKey("FLOTILLA_SECRETS_KEYS");
            if (service.usesDatabase()) {
                assertThat(environment).containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL",
                        "postgresql://postgres:5432/flotilla");
            }
            if (service == Service.IMAGE_UPDATER) {
                assertThat(environment).as("registry webhooks passed between instances")
                        .containsEntry("FLOTILLA_IMAGES_PUSH_NOTICES_URL", "postgresql://postgres:5432/flotilla");
            }
            assertThat(ports.of(service)).as("%s in .env", service.portVariable()).isPositive();
        }
        assertThat(services.keySet()).containsExactlyInAnyOrder("kafka", "postgres", "observer", "git-watcher",
                "renderer", "applier", "registry-secrets", "image-updater");
    }

    @Test
    void theDashboardAndTheWebhookEndpointsArePublishedAndTheObserverAsksTheImageUpdaterByName() throws IOException {
        Map<String, Map<String, Object>> services = services();

        for (Service service : List.of(Service.OBSERVER, Service.GIT_WATCHER, Service.IMAGE_UPDATER)) {
            String port = "${" + service.portVariable() + "}";
            assertThat(services.get(service.module()).get("ports")).asList().containsExactly(port + ":" + port);
        }
        assertThat(map(services.get("observer").get("environment"))).containsEntry("FLOTILLA_IMAGES_AUTOMATIONS_URL",
                "http://image-updater:${" + Service.IMAGE_UPDATER.portVariable() + "}/api/automations");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        try (Reader reader = Files.newBufferedReader(HOME.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            return (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
