package io.flotilla.embedded.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LocalPortsTest {

    @Test
    void freePortsAreBelowTheEphemeralRangeAndNeverGivenTwice() throws IOException {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        int ephemeralStart = Files.exists(range)
                ? Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]) : 32_768;
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = LocalPorts.free();
            assertThat(port).isLessThan(ephemeralStart);
            assertThat(ports.add(port)).as("port %d given twice", port).isTrue();
        }
    }

    @Test
    void aPortSomeoneListensOnCannotBeBoundAndIsListening() throws IOException {
        int port = LocalPorts.free();
        assertThat(LocalPorts.canBind(port)).isTrue();
        assertThat(LocalPorts.isListening(port)).isFalse();
        try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getByName(LocalPorts.HOST))) {
            assertThat(LocalPorts.canBind(port)).isFalse();
            assertThat(LocalPorts.isListening(port)).isTrue();
        }
    }
}
