package io.flotilla.testing.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.flotilla.clusters.KubeconfigClusters;
import io.flotilla.embedded.postgres.PostgresServer;
import io.flotilla.events.ClusterRef;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The three test resources, used as a service's test uses them: the application's configuration points at them. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(ClustersTestResource.class)
class TestResourcesTest {

    @ConfigProperty(name = "flotilla.clusters.kubeconfig")
    String kubeconfig;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String databaseUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @Test
    void whatTheApplicationAppliesThroughItsKubeconfigTheTestFindsInTheFleet() throws Exception {
        assertThat(KubeconfigClusters.read(Path.of(kubeconfig))).containsExactly(
                new ClusterRef("dev", Map.of("env", "dev")), new ClusterRef("prod", Map.of("env", "prod")));

        Config prod = Config.fromKubeconfig("prod", Files.readString(Path.of(kubeconfig)), kubeconfig);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(prod).build()) {
            client.resource(new ConfigMapBuilder().withNewMetadata().withName("from-the-app").endMetadata().build())
                    .fieldManager("flotilla").forceConflicts().serverSideApply();
        }

        assertThat(ClustersTestResource.fleet().cluster("prod").client().configMaps().withName("from-the-app").get())
                .isNotNull();
        assertThat(ClustersTestResource.fleet().cluster("dev").client().configMaps().withName("from-the-app").get())
                .isNull();
    }

    @Test
    void theApplicationsKafkaAnswers() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    @Test
    void theApplicationHasADatabaseOfItsOwn() throws Exception {
        try (Connection connection = connect("jdbc:" + databaseUrl, username, PostgresServer.shared().password());
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT current_database()")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).startsWith("flotilla_test_");
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("password", password);
        return new org.postgresql.Driver().connect(url, credentials);
    }
}
