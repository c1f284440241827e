package io.flotilla.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flotilla.embedded.kafka.KafkaBroker;
import io.flotilla.embedded.net.LocalPorts;
import io.flotilla.launcher.stack.ChildProcess;
import io.flotilla.launcher.stack.Service;
import io.flotilla.security.TokenHash;
import io.flotilla.testing.security.TestTokens;

/**
 * A packaged service as an operator runs it: plain log lines by default, JSON lines when the environment asks
 * for them, and Prometheus metrics at {@code /q/metrics}. The image-updater is the service started here
 * because it needs nothing but a Kafka broker (the JVM's shared one) to run.
 */
class ServiceLogsAndMetricsIT {

    private static final Path HOME = Path.of(System.getProperty("flotilla.home", "..")).toAbsolutePath().normalize();
    private static final String STARTED = "started in";

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    @Test
    void writesPlainLogLinesByDefault() throws Exception {
        List<String> lines = runAndReadLog(Map.of());

        String started = lines.stream().filter(line -> line.contains(STARTED)).findFirst().orElseThrow();
        assertThat(started).doesNotStartWith("{").contains("image-updater");
    }

    @Test
    void writesEachLogLineAsAJsonObjectWhenAskedTo() throws Exception {
        List<String> lines = runAndReadLog(Map.of("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true"));

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> records = lines.stream().filter(line -> !line.isBlank()).map(line -> parse(json, line))
                .toList();
        assertThat(records).anySatisfy(record -> {
            assertThat(record.path("message").asText()).contains(STARTED);
            assertThat(record.path("level").asText()).isEqualTo("INFO");
            assertThat(record.path("loggerName").asText()).isNotEmpty();
        });
    }

    private List<String> runAndReadLog(Map<String, String> environment) throws Exception {
        int port = LocalPorts.free();
        Path log = temp.resolve("image-updater.log");
        ChildProcess service = ChildProcess.start("image-updater", List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port,
                "-Dkafka.bootstrap.servers=" + KafkaBroker.shared().bootstrapServers(),
                "-Dflotilla.images.work-dir=" + temp.resolve("work"),
                "-Dflotilla.auth.tokens.test-admin.hash=" + TokenHash.of(TestTokens.ADMIN),
                "-Dflotilla.auth.tokens.test-admin.roles=admin",
                "-jar", Service.IMAGE_UPDATER.application(HOME).toString()), environment, log, temp);
        try {
            awaitStarted(log, service);
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                    URI.create("http://" + LocalPorts.HOST + ":" + port + "/q/metrics"))
                    .header("Authorization", TestTokens.bearer(TestTokens.ADMIN)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("# TYPE jvm_memory_used_bytes gauge");
            return Files.readAllLines(log);
        } finally {
            ProcessHandle.of(service.pid()).ifPresent(ProcessHandle::destroy);
        }
    }

    private static void awaitStarted(Path log, ChildProcess service) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (Files.readAllLines(log).stream().noneMatch(line -> line.contains(STARTED))) {
            assertThat(service.isAlive()).as("image-updater is running; its log:\n%s", ChildProcess.tail(log, 20))
                    .isTrue();
            assertThat(System.nanoTime()).as("image-updater started within 60 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static JsonNode parse(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON log line: " + line, e);
        }
    }
}
