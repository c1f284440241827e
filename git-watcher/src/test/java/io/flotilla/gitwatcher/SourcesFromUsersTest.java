package io.flotilla.gitwatcher;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.hamcrest.Matchers.containsString;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * What {@code POST /api/sources} refuses under the default outbound policy: a path on the service's own disk, plain
 * HTTP, a loopback or cloud-metadata address, and keys named as files of the server. Each refusal is a 400 naming
 * the location and the rule, and nothing is added.
 */
@QuarkusTest
@TestProfile(WatchedRepositoryProfile.PublicOnly.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class SourcesFromUsersTest {

    @Test
    void aPathOnTheServersDiskIsRefused() {
        refused(Map.of("id", "etc", "repository", "file:///etc"), "repository file:///etc is refused");
        refused(Map.of("id", "etc-path", "repository", "/etc"), "a path on Flotilla's own disk");
    }

    @Test
    void plainHttpAndNonPublicAddressesAreRefusedWithoutAnyConnection() {
        refused(Map.of("id", "postgres", "repository", "http://127.0.0.1:5432"), "http is not an allowed scheme");
        refused(Map.of("id", "postgres-tls", "repository", "https://127.0.0.1:5432/x.git"),
                "127.0.0.1 is a loopback address");
        refused(Map.of("id", "metadata", "repository", "https://169.254.169.254/latest/meta-data"),
                "link-local");
        refused(Map.of("id", "internal", "repository", "git@10.0.0.12:platform/fleet.git"), "private");
    }

    @Test
    void keysNamedAsFilesOfTheServerAreRefused() {
        refused(Map.of("id", "ssh-key", "repository", "git@203.0.113.7:platform/fleet.git",
                "sshKey", "/root/.ssh/id_ed25519", "knownHosts", "/root/.ssh/known_hosts"), "give the key in a Secret");
        refused(Map.of("id", "signing-key", "repository", "https://203.0.113.7/platform/fleet.git",
                "signingKeys", List.of("/etc/flotilla/keys/ada.asc")), "armored OpenPGP public keys");
    }

    private static void refused(Map<String, Object> source, String reason) {
        asAdmin().contentType(ContentType.JSON).body(source).post("/api/sources").then().statusCode(400)
                .body("error", containsString(reason));
        asAdmin().when().get("/api/sources/" + source.get("id")).then().statusCode(404);
    }
}
