package io.flotilla.imageupdater.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logins from a dockerconfigjson file, keyed by the host the registry API is asked at. */
class DockerConfigCredentialsTest {

    @TempDir
    Path temp;

    @Test
    void readsUsernamePasswordAndBase64AuthDockerHubUnderItsApiHost() throws Exception {
        Path file = Files.writeString(temp.resolve("config.json"), """
                {"auths": {
                  "https://index.docker.io/v1/": {"auth": "Y2k6aHViLXRva2Vu"},
                  "ghcr.io": {"username": "bot", "password": "ghp_x"}
                }}""");

        RegistryCredentials credentials = DockerConfigCredentials.read(file);

        assertThat(credentials.forRegistry("registry-1.docker.io"))
                .contains(new RegistryCredentials.Login("ci", "hub-token"));
        assertThat(credentials.forRegistry("ghcr.io")).contains(new RegistryCredentials.Login("bot", "ghp_x"));
        assertThat(credentials.forRegistry("quay.io")).isEmpty();
    }

    @Test
    void anEntryWithNoLoginIsRefusedNamingTheFileAndRegistryNeverASecret() throws Exception {
        Path file = Files.writeString(temp.resolve("config.json"), "{\"auths\": {\"ghcr.io\": {\"password\": \"p\"}}}");

        assertThatThrownBy(() -> DockerConfigCredentials.read(file))
                .hasMessage(file + ": auths.ghcr.io gives no username nor auth");
    }
}
