package io.flotilla.launcher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.stack.StackException;

/**
 * {@code ./flotilla config}: servers set, chosen and shown as a user sees them in the file and on the screen, the
 * file in a temporary folder, never the real home.
 */
class ConfigFileTest {

    @TempDir
    Path folder;

    Path file() {
        return folder.resolve("flotilla").resolve("config");
    }

    @Test
    void theFirstServerSetIsUsedAnotherIsUsedWhenAskedAndTheFileKeepsBoth() throws IOException {
        String first = ConfigCommand.run(List.of("set-server", "prod", "--gateway", "https://flotilla.example.com",
                "--token", "s3cret-prod"), file());
        String second = ConfigCommand.run(List.of("set-server", "lab", "--observer", "http://lab-1:8080",
                "--applier", "http://lab-1:8083"), file());

        assertThat(first).isEqualTo("Server prod set in " + file() + "; in use (prod).\n");
        assertThat(second).isEqualTo("Server lab set in " + file() + "; ./flotilla config use lab to talk to it.\n");
        CliConfig config = CliConfig.read(file());
        assertThat(config.current()).contains(new CliConfig.Server("https://flotilla.example.com", null, null,
                "s3cret-prod"));

        assertThat(ConfigCommand.run(List.of("use", "lab"), file())).isEqualTo("Using server lab.\n");
        CliConfig.Server lab = CliConfig.read(file()).current().orElseThrow();
        assertThat(lab.observerUrl()).isEqualTo("http://lab-1:8080");
        assertThat(lab.applierUrl()).isEqualTo("http://lab-1:8083");
        assertThat(lab.token()).isNull();

        assertThat(ConfigCommand.run(List.of("use", "local"), file())).isEqualTo("Using the stack ./flotilla up runs"
                + " here.\n");
        assertThat(CliConfig.read(file()).current()).isEmpty();
        assertThat(CliConfig.read(file()).servers()).containsOnlyKeys("lab", "prod");
        assertThat(Files.getPosixFilePermissions(file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void viewShowsEveryServerWithTokensHidden() {
        ConfigCommand.run(List.of("set-server", "prod", "--gateway", "https://flotilla.example.com", "--token",
                "s3cret-prod"), file());
        ConfigCommand.run(List.of("set-server", "lab", "--observer", "http://lab-1:8080", "--applier",
                "http://lab-1:8083", "--token", "lab-token"), file());

        String view = ConfigCommand.run(List.of("view"), file());

        assertThat(view).isEqualTo("""
                # %s
                current-context: prod
                servers:
                  lab:
                    observer: http://lab-1:8080
                    applier: http://lab-1:8083
                    token: REDACTED
                  prod:
                    gateway: https://flotilla.example.com
                    token: REDACTED
                """.formatted(file()));
        assertThat(view).doesNotContain("s3cret-prod").doesNotContain("lab-token");
    }

    @Test
    void aFileWrittenByHandIsReadAndItsMistakesAreNamedWithTheFile() throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), """
                current-context: prod
                servers:
                  prod:
                    gateway: https://flotilla.example.com
                    token: abc
                """);
        assertThat(CliConfig.read(file()).current().map(CliConfig.Server::token)).contains("abc");

        Files.writeString(file(), """
                servers:
                  prod:
                    gateway: https://flotilla.example.com
                    tokn: abc
                """);
        assertThatThrownBy(() -> CliConfig.read(file())).isInstanceOf(StackException.class)
                .hasMessage("config file " + file() + ": servers.prod.tokn is not a setting (known: applier, gateway,"
                        + " observer, token)");

        Files.writeString(file(), """
                current-context: staging
                servers:
                  prod:
                    gateway: https://flotilla.example.com
                """);
        assertThatThrownBy(() -> CliConfig.read(file())).isInstanceOf(StackException.class)
                .hasMessage("config file " + file() + ": current-context 'staging' names no server (servers: prod)");

        Files.writeString(file(), """
                servers:
                  prod:
                    observer: http://obs:8080
                """);
        assertThatThrownBy(() -> CliConfig.read(file())).isInstanceOf(StackException.class)
                .hasMessage("config file " + file() + ": server 'prod' needs a gateway URL, or both an observer and"
                        + " an applier URL");
    }

    @Test
    void noFileIsTheLocalStackAndBadServersAreRefusedBeforeAnythingIsWritten() {
        assertThat(CliConfig.read(file())).isEqualTo(CliConfig.empty());

        assertThatThrownBy(() -> ConfigCommand.run(List.of("set-server", "prod", "--gateway", "flotilla.example.com"),
                file())).isInstanceOf(UsageException.class)
                .hasMessage("server 'prod' 'flotilla.example.com' is not an http:// or https:// URL");
        assertThatThrownBy(() -> ConfigCommand.run(List.of("set-server", "prod", "--gateway", "https://a",
                "--applier", "https://b"), file())).isInstanceOf(UsageException.class)
                .hasMessageContaining("give either the gateway or both others");
        assertThatThrownBy(() -> ConfigCommand.run(List.of("set-server", "Prod_1", "--gateway", "https://a"), file()))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("server name 'Prod_1' is not valid");
        assertThatThrownBy(() -> ConfigCommand.run(List.of("use", "nowhere"), file()))
                .isInstanceOf(StackException.class)
                .hasMessage("no server named 'nowhere' in " + file() + " (servers: none; add one with ./flotilla"
                        + " config set-server)");
        assertThat(Files.exists(file())).isFalse();
    }

    @Test
    void theFileIsTheOneGivenElseThePropertyElseTheVariableElseTheUsersConfigFolder() {
        String before = System.getProperty(ConfigLocation.PROPERTY);
        System.clearProperty(ConfigLocation.PROPERTY);
        try {
            assertThat(ConfigLocation.of("/given/config", Map.of(ConfigLocation.VARIABLE, "/variable")))
                    .isEqualTo(Path.of("/given/config"));
            assertThat(ConfigLocation.of(null, Map.of(ConfigLocation.VARIABLE, "/variable")))
                    .isEqualTo(Path.of("/variable"));
            assertThat(ConfigLocation.of(null, Map.of("XDG_CONFIG_HOME", "/xdg")))
                    .isEqualTo(Path.of("/xdg/flotilla/config"));
            assertThat(ConfigLocation.of(null, Map.of()))
                    .isEqualTo(Path.of(System.getProperty("user.home"), ".config", "flotilla", "config"));
            System.setProperty(ConfigLocation.PROPERTY, "/property");
            assertThat(ConfigLocation.of(null, Map.of(ConfigLocation.VARIABLE, "/variable")))
                    .isEqualTo(Path.of("/property"));
        } finally {
            if (before == null) {
                System.clearProperty(ConfigLocation.PROPERTY);
            } else {
                System.setProperty(ConfigLocation.PROPERTY, before);
            }
        }
    }
}
