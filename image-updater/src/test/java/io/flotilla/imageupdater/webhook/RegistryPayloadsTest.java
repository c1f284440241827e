package io.flotilla.imageupdater.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The pushes each registry's webhook tells of, from deliveries shaped as each registry sends them. */
class RegistryPayloadsTest {

    @Test
    void theDistributionRegistrysNotificationsGiveTaggedManifestPushesOnly() {
        assertThat(RegistryPayloads.read(bytes("""
                {"events": [
                  {"id": "1", "action": "push", "target": {"mediaType": "application/vnd.oci.image.manifest.v1+json",
                   "repository": "team/web", "tag": "1.1.0",
                   "url": "http://127.0.0.1:5000/v2/team/web/manifests/sha256:abc"}, "request": {"host": "127.0.0.1:5000"}},
                  {"id": "2", "action": "push", "target": {"repository": "team/web", "digest": "sha256:def",
                   "url": "http://127.0.0.1:5000/v2/team/web/manifests/sha256:def"}},
                  {"id": "3", "action": "pull", "target": {"repository": "team/web", "tag": "1.0.0"}}
                ]}""")))
                .containsExactly(new RegistryPush("127.0.0.1:5000", "team/web", "1.1.0"));
    }

    @Test
    void dockerHubNamesItsRepositoryAsTheRegistryApiDoes() {
        assertThat(RegistryPayloads.read(bytes("""
                {"callback_url": "https://registry.hub.docker.com/u/myorg/podinfo/hook/x/",
                 "push_data": {"pushed_at": 1417566161, "pusher": "ci", "tag": "dev-w7ujrvbf"},
                 "repository": {"name": "podinfo", "namespace": "myorg", "repo_name": "myorg/podinfo"}}""")))
                .containsExactly(new RegistryPush("registry-1.docker.io", "myorg/podinfo", "dev-w7ujrvbf"));
    }

    @Test
    void harborGivesEachArtifactPushed() {
        assertThat(RegistryPayloads.read(bytes("""
                {"type": "PUSH_ARTIFACT", "occur_at": 1586922308, "operator": "admin",
                 "event_data": {"resources": [{"digest": "sha256:abc", "tag": "v1.0",
                   "resource_url": "harbor.example.com/library/app:v1.0"}],
                  "repository": {"date_created": 1586922308, "name": "app", "namespace": "library",
                   "repo_full_name": "library/app", "repo_type": "private"}}}""")))
                .containsExactly(new RegistryPush("harbor.example.com", "library/app", "v1.0"));
    }

    @Test
    void ghcrComesAsGitHubsPackageEventForAContainer() {
        assertThat(RegistryPayloads.read(bytes("""
                {"action": "published", "package": {"name": "Podinfo", "namespace": "MyOrg",
                  "package_type": "CONTAINER", "package_version": {"container_metadata": {"tag": {"name": "6.5.0",
                  "digest": "sha256:abc"}}}}}""")))
                .containsExactly(new RegistryPush("ghcr.io", "myorg/podinfo", "6.5.0"));
    }

    @Test
    void aBodyOfNoKnownShapeIsRefusedSayingWhatIsKnown() {
        assertThatThrownBy(() -> RegistryPayloads.read(bytes("{\"zen\": \"Keep it simple\"}")))
                .hasMessageContaining("none of the payloads known");
        assertThatThrownBy(() -> RegistryPayloads.read(bytes("not json"))).hasMessageContaining("not JSON");
    }

    @Test
    void theSecretIsAcceptedAsAHeaderATokenOrAnHmacOfTheBodyAndNothingElse() {
        HookSecret secret = new HookSecret("s3cret");
        byte[] body = bytes("{}");

        assertThat(secret.accepts("Bearer s3cret", null, null, body)).isTrue();
        assertThat(secret.accepts("s3cret", null, null, body)).isTrue();
        assertThat(secret.accepts(null, "s3cret", null, body)).isTrue();
        assertThat(secret.accepts(null, null, "sha256=" + secret.hmacSha256(body), body)).isTrue();
        assertThat(secret.accepts("Bearer s3cre", "x", "sha256=" + secret.hmacSha256(bytes("{ }")), body)).isFalse();
        assertThat(secret.accepts(null, null, null, body)).isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
