package io.flotilla.testing.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerProcessTest {

    @Test
    void aServerThatExitsAtStartSaysSoWithItsLog(@TempDir Path dir) {
        Path log = dir.resolve("server.log");

        assertThatThrownBy(() -> ServerProcess.start("the echo server", List.of("sh", "-c", "echo address in use; exit 3"),
                log, () -> false, Duration.ofSeconds(30)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the echo server exited at start. End of " + log)
                .hasMessageEndingWith("address in use");
    }

    @Test
    void aServerThatNeverAnswersIsStoppedAfterTheLimit(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("server.log");
        Path pid = dir.resolve("pid");

        assertThatThrownBy(() -> ServerProcess.start("the silent server",
                List.of("sh", "-c", "echo $$ > " + pid + "; exec sleep 60"), log, () -> false, Duration.ofMillis(500)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the silent server did not answer within 0 s");
        long started = Long.parseLong(Files.readString(pid).strip());
        assertThat(ProcessHandle.of(started)).isEmpty();
    }
}
