package io.flotilla.launcher.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.launcher.cli.Endpoint;
import io.flotilla.launcher.cli.Servers;
import io.flotilla.security.ApiToken;
import io.flotilla.security.ApiTokens;
import io.flotilla.security.Role;

/**
 * One admin token per stack: made once, readable by its owner alone, the same at every start; the services get its
 * hash alone, and the command line sends the token to the stack here.
 */
class StackAdminTokenTest {

    @TempDir
    Path stateDir;

    @Test
    void theTokenIsMadeOnceKeptForItsOwnerAndOnlyItsHashGoesToTheServices() throws IOException {
        String token = StackAdminToken.of(stateDir);
        Path file = stateDir.resolve(StackAdminToken.FILE);

        assertThat(StackAdminToken.of(stateDir)).isEqualTo(token);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        List<String> properties = StackAdminToken.serviceProperties(token);
        assertThat(String.join(" ", properties)).doesNotContain(token);
        String hash = properties.get(0).substring(properties.get(0).indexOf('=') + 1);
        assertThat(ApiTokens.of(List.of(new ApiToken(StackAdminToken.NAME, Set.of(Role.ADMIN), hash)))
                .find(token)).isPresent();
    }

    @Test
    void theCommandLineSendsTheStacksTokenWhenNoServerIsConfigured() throws IOException {
        String token = StackAdminToken.of(stateDir);
        Path home = Files.createDirectories(stateDir.resolve("home"));
        Files.writeString(home.resolve(ServicePorts.FILE), """
                FLOTILLA_OBSERVER_PORT=18080
                FLOTILLA_GIT_WATCHER_PORT=18081
                FLOTILLA_RENDERER_PORT=18082
                FLOTILLA_APPLIER_PORT=18083
                FLOTILLA_REGISTRY_SECRETS_PORT=18084
                FLOTILLA_IMAGE_UPDATER_PORT=18085
                """);

        Servers servers = new Servers(stateDir.resolve("no-config"), home, stateDir);

        assertThat(servers.applier()).extracting(Endpoint::token).isEqualTo(token);
        assertThat(servers.observer()).extracting(Endpoint::token).isEqualTo(token);
        assertThat(servers.applier().url()).isEqualTo("http://localhost:18083");
    }
}
