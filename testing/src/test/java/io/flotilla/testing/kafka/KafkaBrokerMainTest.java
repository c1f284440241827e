package io.flotilla.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerMainTest {

    @TempDir
    Path tmp;

    @Test
    void announcesItsAddressServesClientsAndStopsCleanlyOnSigterm() throws Exception {
        Process process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                KafkaBrokerMain.class.getName(),
                "--data-dir", tmp.resolve("kafka").toString(), "--port", "0")
                .redirectError(tmp.resolve("stderr.log").toFile())
                .start();
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String ready = stdout.readLine();
            assertThat(ready).startsWith("KAFKA READY 127.0.0.1:");
            String bootstrap = ready.substring("KAFKA READY ".length());

            RecordRoundTrip.produce(bootstrap, "launcher", "k", "from the launcher's broker");
            List<ConsumerRecord<String, String>> records = RecordRoundTrip.consume(bootstrap, "launcher", 1);
            assertThat(records).extracting(ConsumerRecord::value).containsExactly("from the launcher's broker");

            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(143);
            int port = Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1));
            assertThat(KafkaBrokerTest.accepts(port)).isFalse();
        } finally {
            process.destroyForcibly();
        }
    }
}
