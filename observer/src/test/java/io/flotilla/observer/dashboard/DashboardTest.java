package io.flotilla.observer.dashboard;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;

import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The dashboard page as a browser gets it. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
class DashboardTest {

    @Test
    void showsACardPerClusterTheReleaseMatrixAndTheDriftList() {
        await().untilAsserted(() -> {
            String page = when().get("/").then().statusCode(200).contentType("text/html").extract().asString();
            assertThat(page).contains("data-cluster=\"dev\"", "data-cluster=\"prod\"", "id=\"matrix\"", "id=\"drift\"",
                    "EventSource('/api/events/stream')");
        });
    }
}
