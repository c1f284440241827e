package io.flotilla.launcher.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicePortsTest {

    /** The checkout this module is built in. */
    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theCheckoutGivesEveryServiceAPortOfItsOwn() {
        ServicePorts ports = ServicePorts.read(HOME);

        assertThat(Arrays.stream(Service.values()).map(ports::of)).doesNotHaveDuplicates().allMatch(port -> port > 0);
        assertThat(ports.of(Service.OBSERVER)).isEqualTo(8080);
    }

    @Test
    void dockerComposeTakesEveryServicePortFromTheSameFile() throws IOException {
        String compose = Files.readString(HOME.resolve("docker-compose.yml"));

        for (Service service : Service.values()) {
            assertThat(compose).contains("QUARKUS_HTTP_PORT: ${" + service.portVariable() + "}");
            assertThat(compose).doesNotContain(Integer.toString(ServicePorts.read(HOME).of(service)));
        }
    }

    @Test
    void aMissingPortNamesTheFileAndTheVariable(@TempDir Path home) throws IOException {
        Files.writeString(home.resolve(ServicePorts.FILE), "# only the observer\nFLOTILLA_OBSERVER_PORT=9090\n");

        assertThatThrownBy(() -> ServicePorts.read(home)).isInstanceOf(StackException.class)
                .hasMessage(home.resolve(".env") + ": FLOTILLA_GIT_WATCHER_PORT is missing; add "
                        + "FLOTILLA_GIT_WATCHER_PORT=<port> for the git-watcher");
    }
}
